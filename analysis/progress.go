package analysis

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
)

// Progress counts what Run has read so far, for a progress display. Run only
// stores into it, atomically, so another goroutine may read it at any time
// (a ticker, say); Run never reads it back, so results do not depend on it.
//
// A run reads the corpus in one or two passes: with the repeated-line
// cleaning rule the first pass collects line statistics and the second,
// which does the work, reads the corpus again or replays the documents the
// first pass kept in memory. Docs and Bytes count the current pass.
type Progress struct {
	Passes atomic.Int32 // passes this run makes: 1 or 2, set when Run starts
	Pass   atomic.Int32 // the current pass, from 1; 0 before reading starts
	Docs   atomic.Int64 // documents read in this pass
	// Bytes is the input read in this pass, as stored (compressed bytes for a
	// .gz file): files read by the loader, or standard input. It stays 0 in
	// a pass that replays documents kept in memory.
	Bytes atomic.Int64
	// Total is the number of documents of this pass when it is known before
	// the pass starts (a replay from memory), else 0.
	Total atomic.Int64
	Done  atomic.Bool // Run has read and processed every document
}

// begin starts pass number pass, of total documents if known (else 0).
func (p *Progress) begin(pass int32, total int64) {
	if p == nil {
		return
	}
	p.Docs.Store(0)
	p.Bytes.Store(0)
	p.Total.Store(total)
	p.Pass.Store(pass)
}

// doc counts one document read.
func (p *Progress) doc() {
	if p != nil {
		p.Docs.Add(1)
	}
}

// loadCounted is load, counting the input bytes read into p.Bytes when p is
// set. It opens the input as LoadPath and Load do, through file systems and
// readers that count what passes through them: the documents, their order
// and every message are the same.
func (s Source) loadCounted(opt LoadOptions, emit func(*Document) error, p *Progress) (*LoadReport, error) {
	if p == nil {
		return s.load(opt, emit)
	}
	n := &p.Bytes
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
