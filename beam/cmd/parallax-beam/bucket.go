package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	pathpkg "path"
	"path/filepath"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"   // gs://
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // paths without a scheme
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs" // memfs:// (tests)
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"    // s3://

	"parallax/analysis/report"
)

// Output to a bucket. -o and --dtm may name a path with a scheme that
// Beam's file system registry knows (gs://, s3://, memfs://): the finishing
// worker renders the report with parallax's code into a local temporary
// folder, then copies each file through Beam's file system to the target,
// so the files are parallax's byte for byte. -o gs://B/run/ (ending in /)
// is a folder, one file per section and provenance.json, as parallax
// writes to a local folder.

// isBucket says whether path names a file system other than the local one.
func isBucket(path string) bool {
	scheme, _, ok := strings.Cut(path, "://")
	return ok && scheme != "" && scheme != "file" && !strings.ContainsAny(scheme, "/\\")
}

// copyTo copies the local file from to the bucket path to.
func copyTo(ctx context.Context, from, to string) error {
	fs, err := filesystem.New(ctx, to)
	if err != nil {
		return fmt.Errorf("-o %s: %v", to, err)
	}
	defer fs.Close()
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := fs.OpenWrite(ctx, to)
	if err != nil {
		return fmt.Errorf("writing %s: %v", to, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("writing %s: %v", to, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("writing %s: %v", to, err)
	}
	return nil
}

// writeBucket writes the report to the bucket path cf.output: a folder
// when it ends in /, else one file.
func (cf *corpusFlags) writeBucket(r *report.Report, f report.Format) error {
	ctx := context.Background()
	tmp, err := os.MkdirTemp("", "parallax-beam-out")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if !strings.HasSuffix(cf.output, "/") {
		var buf bytes.Buffer
		if err := report.Render(&buf, r, f, report.Options{Width: cf.width}); err != nil {
			return err
		}
		local := filepath.Join(tmp, "out")
		if err := os.WriteFile(local, buf.Bytes(), 0o644); err != nil {
			return err
		}
		return copyTo(ctx, local, cf.output)
	}
	paths, err := report.WriteDir(tmp, r, f, report.Options{Width: cf.width})
	if err != nil {
		return err
	}
	var wrote []string
	for _, p := range paths {
		to := cf.output + filepath.Base(p)
		if err := copyTo(ctx, p, to); err != nil {
			return err
		}
		wrote = append(wrote, to)
	}
	if !cf.quiet {
		fmt.Fprintf(stderr, "parallax: wrote %s\n", strings.Join(wrote, ", "))
	}
	return nil
}

// writeDTM writes the --dtm table to path, local or in a bucket.
func writeDTM(path string, r func(string) error) error {
	if !isBucket(path) {
		return r(path)
	}
	tmp, err := os.MkdirTemp("", "parallax-beam-dtm")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	local := filepath.Join(tmp, "dtm.csv")
	if err := r(local); err != nil {
		return err
	}
	return copyTo(context.Background(), local, path)
}

// bucketFile is one input file on a bucket (a Beam file system), as an
// fs.FS holding that one file under its base name, for parallax's loader
// (corpus.LoadAs): the name keeps the extension the loader reads the
// format from, messages name the whole path.
type bucketFile struct{ path, base string }

func newBucketFile(path string) bucketFile {
	return bucketFile{path: path, base: pathpkg.Base(path)}
}

func (b bucketFile) Open(name string) (fs.File, error) {
	if name != b.base {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	ctx := context.Background()
	fsys, err := filesystem.New(ctx, b.path)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: b.path, Err: err}
	}
	size, err := fsys.Size(ctx, b.path)
	if err != nil {
		fsys.Close()
		return nil, &fs.PathError{Op: "open", Path: b.path, Err: fs.ErrNotExist}
	}
	rc, err := fsys.OpenRead(ctx, b.path)
	if err != nil {
		fsys.Close()
		return nil, &fs.PathError{Op: "open", Path: b.path, Err: err}
	}
	return &bucketReader{ReadCloser: rc, fsys: fsys, info: fileInfo{name: b.base, size: size}}, nil
}

// bucketReader is an open bucket file.
type bucketReader struct {
	io.ReadCloser
	fsys filesystem.Interface
	info fileInfo
}

func (r *bucketReader) Stat() (fs.FileInfo, error) { return r.info, nil }

func (r *bucketReader) Close() error {
	err := r.ReadCloser.Close()
	r.fsys.Close()
	return err
}

// fileInfo describes a bucket file: a regular file of a size.
type fileInfo struct {
	name string
	size int64
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return 0o444 }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }
