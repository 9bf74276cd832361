package corpus

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
)

// Source names a corpus: a path inside FS (an embedded sample), or a path on
// the operating system when FS is nil ("-" for standard input).
type Source struct {
	FS   fs.FS
	Path string
	Name string // shown in provenance: "sample:karabakh", or the path
}

// Rereadable reports whether the source can be read twice (standard input
// cannot), which the repeated-line cleaning rule needs.
func (s Source) Rereadable() bool { return s.FS != nil || s.Path != "-" }

// Load reads the source with Load or LoadPath, calling emit for every
// document. When n is not nil it adds the input bytes read to n: the input is
// opened as LoadPath and Load do, through file systems and readers that count
// what passes through them, so the documents, their order and every message
// are the same.
func (s Source) Load(opt LoadOptions, emit func(*Document) error, n *atomic.Int64) (*LoadReport, error) {
	if err := s.countGroupsFirst(opt, n); err != nil {
		return &LoadReport{}, err
	}
	switch {
	case n == nil && s.FS != nil:
		return Load(s.FS, s.Path, opt, emit)
	case n == nil:
		return LoadPath(s.Path, opt, emit)
	}
	switch {
	case s.FS != nil:
		return Load(countFS(s.FS, n), s.Path, opt, emit)
	case s.Path == "-":
		if opt.Stdin != nil {
			opt.Stdin = &countingReader{r: opt.Stdin, n: n}
		}
		return LoadPath(s.Path, opt, emit)
	}
	info, err := os.Stat(s.Path)
	if err != nil {
		return LoadPath(s.Path, opt, emit) // which reports the error
	}
	if !info.IsDir() {
		dir, base := filepath.Split(s.Path)
		if dir == "" {
			dir = "."
		}
		return load(countFS(os.DirFS(dir), n), base, s.Path, opt, emit)
	}
	root, err := os.OpenRoot(s.Path)
	if err != nil {
		return LoadPath(s.Path, opt, emit)
	}
	defer root.Close()
	return load(countFS(root.FS(), n), ".", s.Path, opt, emit)
}

// countingReader adds the bytes read through it to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n.Add(int64(k))
	return k, err
}

// countFS wraps fsys so that bytes read from its files are added to n. It
// offers symbolic links (fs.ReadLinkFS) exactly when fsys does, as the
// loader checks links only on file systems that have them.
func countFS(fsys fs.FS, n *atomic.Int64) fs.FS {
	c := countingFS{fsys: fsys, n: n}
	if _, ok := fsys.(fs.ReadLinkFS); ok {
		return countingLinkFS{c}
	}
	return c
}

type countingFS struct {
	fsys fs.FS
	n    *atomic.Int64
}

func (c countingFS) Open(name string) (fs.File, error) {
	f, err := c.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return countingFile{File: f, n: c.n}, nil
}

func (c countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.fsys, name) }

func (c countingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.fsys, name) }

type countingLinkFS struct{ countingFS }

func (c countingLinkFS) ReadLink(name string) (string, error) { return fs.ReadLink(c.fsys, name) }

func (c countingLinkFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(c.fsys, name) }

// countingFile counts the bytes read from an open file; a folder's entries
// are listed as by the file it wraps.
type countingFile struct {
	fs.File
	n *atomic.Int64
}

func (f countingFile) Read(p []byte) (int, error) {
	k, err := f.File.Read(p)
	f.n.Add(int64(k))
	return k, err
}

func (f countingFile) ReadDir(count int) ([]fs.DirEntry, error) {
	if d, ok := f.File.(fs.ReadDirFile); ok {
		return d.ReadDir(count)
	}
	return nil, &fs.PathError{Op: "readdir", Err: errors.New("not a folder")}
}
