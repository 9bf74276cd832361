// Embedded lexicon packs (SPEC §6): word lists written by the parallax team
// and compiled into the binary, chosen by name with --lexicon NAME.

package lexicons

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

//go:embed packs/*.yaml
var packFiles embed.FS

// packDir is the folder of the packs inside packFiles.
const packDir = "packs"

// PackInfo describes an embedded pack: its header, its size and the hash of
// its file, as `parallax lexicons` lists them and provenance records them.
type PackInfo struct {
	Name        string // the pack's name, also the base name of its file
	Kind        Kind
	Version     string
	Description string
	Source      string
	License     string
	Keys        int    // categories, actors, referents or events
	Entries     int    // patterns
	SHA256      string // first 12 hex digits of the SHA-256 of the file
}

// packNames lists the embedded packs, sorted: the base names of their files.
func packNames() []string {
	entries, err := fs.ReadDir(packFiles, packDir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(names)
	return names
}

// packFile is the path of pack name inside packFiles.
func packFile(name string) string { return path.Join(packDir, name+".yaml") }

// isPack reports whether name is an embedded pack.
func isPack(name string) bool {
	if name == "" || strings.ContainsAny(name, "/\\.") {
		return false
	}
	_, err := fs.Stat(packFiles, packFile(name))
	return err == nil
}

// Packs lists the embedded packs sorted by name. A pack that fails to parse
// (which the tests rule out) is listed with its name, hash and an empty
// header.
func Packs() []PackInfo {
	var out []PackInfo
	for _, name := range packNames() {
		data, err := packFiles.ReadFile(packFile(name))
		if err != nil {
			continue
		}
		sum := sha256.Sum256(data)
		info := PackInfo{Name: name, SHA256: hex.EncodeToString(sum[:])[:12]}
		if lx, err := Parse(packFile(name), data); err == nil {
			info.Kind, info.Version, info.Description = lx.Kind, lx.Version, lx.Description
			info.Source, info.License = lx.Source, lx.License
			info.Keys, info.Entries = len(lx.Keys()), len(lx.Entries)
		}
		out = append(out, info)
	}
	return out
}

// Pack parses the embedded pack called name. Each call returns a new
// Lexicon, which the caller may keep or modify. Its File is
// "packs/NAME.yaml", as error messages and hits name it.
func Pack(name string) (*Lexicon, error) {
	if !isPack(name) {
		return nil, fmt.Errorf("lexicon %q: %s", name, notAPack(name))
	}
	data, err := packFiles.ReadFile(packFile(name))
	if err != nil {
		return nil, fmt.Errorf("lexicon %q: %v", name, err)
	}
	return Parse(packFile(name), data)
}

// notAPack explains that name is no embedded pack, suggesting the packs
// whose names begin with name ("karabakh" → karabakh-actors, …).
func notAPack(name string) string {
	names := packNames()
	var near []string
	for _, n := range names {
		if name != "" && strings.HasPrefix(n, name) {
			near = append(near, n)
		}
	}
	if len(near) > 0 {
		return fmt.Sprintf("not an embedded pack (did you mean %s?)", strings.Join(near, ", "))
	}
	return fmt.Sprintf("not an embedded pack (%s)", strings.Join(names, ", "))
}

// Resolve returns the lexicon that a --lexicon value names: an embedded
// pack ("frames", "karabakh-labels"), else the file at that path, read by
// Load. A pack name wins over a file of the same name in the working
// directory; write "./frames" for the file. The error for a value that is
// neither names both the packs and the file's error.
func Resolve(nameOrPath string) (*Lexicon, error) {
	if isPack(nameOrPath) {
		return Pack(nameOrPath)
	}
	if _, err := os.Stat(nameOrPath); err != nil {
		return nil, fmt.Errorf("lexicon %q: %s and not a readable file: %v", nameOrPath, notAPack(nameOrPath), err)
	}
	return Load(nameOrPath)
}
