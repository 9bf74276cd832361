package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// LoadOptions says how to read a corpus. Empty field names take their
// defaults: "text", "outlet", "id", "date", "title", "url".
//
// The date comes from DateField; when DateField is "date" (the default,
// given or not) and a record or manifest row has no "date" field at all, the
// "published" field is used instead (manifests often name the column that
// way). LoadReport.DatePublished counts the documents dated so.
type LoadOptions struct {
	TextField, GroupField, IDField, DateField, TitleField, URLField string
	// Format is "" to decide by file name (.jsonl/.ndjson, .json, .csv, each
	// optionally .gz; a folder), or one of "jsonl", "json", "csv", "folder".
	Format string
	// SkipBad reports malformed records in LoadReport.Skipped and goes on
	// instead of failing.
	SkipBad bool
	// KeepDuplicates counts exact duplicates every time instead of once,
	// and turns off the warning about near duplicates.
	KeepDuplicates bool
	// FoldGroups merges groups whose names differ only by case (as
	// strings.EqualFold compares) into one, named as the first loaded
	// document spells it (trimmed); a warning lists each merged set.
	// Without it such groups stay apart, with a warning.
	FoldGroups bool
	// Stdin is read when the path is "-".
	Stdin io.Reader
	// Select, when set, chooses the documents loaded (filter.go).
	Select *Selection
	// Hashes, when set, carries the texts' duplicate-detection hashes from
	// this load to a later one of the same source (see HashMemo).
	Hashes *HashMemo
}

// Skip is one record or file that was not loaded, and why.
type Skip struct {
	Origin string // "file.jsonl:12", "file.json:record 3" or "dir/a.txt"
	Reason string // "kind: detail", e.g. "empty: the text is empty or white space only"
}

// LoadReport says what Load read, loaded and skipped. Read == Loaded +
// len(Skipped) + Selection.Total() always.
type LoadReport struct {
	Read     int    // records (or files) seen
	Loaded   int    // documents emitted
	Skipped  []Skip // every skipped record with its reason, in reading order
	Repaired int    // loaded documents whose invalid UTF-8 was replaced by U+FFFD
	// Format is the input format read: jsonl, json, csv or folder
	// (decided from the name when LoadOptions.Format is "").
	Format string
	// DatePublished counts the loaded documents whose date came from the
	// "published" field because their record had no "date" field (the
	// fallback when LoadOptions.DateField is left empty).
	DatePublished int
	// Dates counts the loaded documents by where their date came from:
	// the date field, the URL, a dateline in the text, or nowhere.
	Dates DateSources
	// Warnings are problems that did not stop a document from loading:
	// trimmed group names, manifest rows naming missing files, and, added at
	// the end of loading, ids shared by several documents, near duplicates,
	// groups differing only by case (or merged by FoldGroups), and the
	// documents whose invalid UTF-8 was repaired.
	Warnings []string
	// Selection says what LoadOptions.Select removed; nil without one.
	Selection *SelectionReport
}

// ReasonCount is the number of skips of one kind.
type ReasonCount struct {
	Reason string
	N      int
}

// SkippedByReason counts skips per reason kind (the text before the first
// ":" of Reason), sorted by reason.
func (r *LoadReport) SkippedByReason() []ReasonCount {
	counts := map[string]int{}
	for _, s := range r.Skipped {
		kind, _, _ := strings.Cut(s.Reason, ":")
		counts[kind]++
	}
	out := make([]ReasonCount, 0, len(counts))
	for k, n := range counts {
		out = append(out, ReasonCount{Reason: k, N: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Reason < out[j].Reason })
	return out
}

// Skip reason kinds: the text before the first ":" of Skip.Reason.
const (
	skipBinary    = "binary"
	skipEmpty     = "empty"
	skipDuplicate = "duplicate"
	skipMalformed = "malformed"
	skipMissing   = "missing field"
	skipLink      = "link"
	skipTooLarge  = "too large"
	skipUnread    = "unreadable"
)

// maxRecordBytes is the largest record (JSON line, CSV record, file) read; a
// variable so tests can lower it.
var maxRecordBytes = 256 << 20

// Load reads the corpus at path inside fsys and calls emit for each document
// in reading order, with Index 0, 1, 2, …. It streams: memory is bounded by
// one record plus the duplicate sets (two 64-bit hashes and positions per
// document; for folders also the name of each loaded file).
//
// The format is opt.Format, or else decided by the name: a folder (with a
// manifest.csv / manifest.json, or one subfolder per group), .jsonl/.ndjson,
// .json or .csv, each optionally compressed as .gz. Records whose text is
// empty, exact duplicates (same text after collapsing white space and
// lower-casing, hashed with FNV-1a 64) and, in folders, binary files are
// skipped and listed in the report. A malformed record is an error naming
// file and line, unless opt.SkipBad is set. When emit returns an error,
// loading stops and Load returns that error unchanged. The report is returned
// with every error, filled as far as loading went.
//
// In a folder, files named README, LICENSE, LICENCE, COPYING or NOTICE (in
// any case, with any extension or suffix such as README.md or LICENSE-MIT,
// but not NOTICEBOARD.txt) are documentation, not corpus: with a manifest
// they are read only when the manifest names them and are never reported
// as unlisted (nor is the manifest itself); without a manifest they are
// ignored at the top level, where they neither count as loose files nor
// draw a warning. Inside an outlet's subfolder they are read as documents.
//
// Documents sharing an id with an earlier one are loaded, with one warning;
// so are near duplicates (texts of at least 10 words with the same words as
// an earlier one, differing only in digits or punctuation; checked unless
// opt.KeepDuplicates) and groups differing only by case (one warning per
// set of groups; opt.FoldGroups merges them instead, with a warning).
//
// A record file that does not look like UTF-8 text (NUL bytes, UTF-16, a
// ZIP archive such as a spreadsheet) is an error, as is JSON Lines input
// without a single record (an empty file or standard input).
func Load(fsys fs.FS, path string, opt LoadOptions, emit func(*Document) error) (*LoadReport, error) {
	return load(fsys, path, path, opt, emit)
}

// LoadAs is Load naming the input display in messages and origins
// ("display:line"): for a file system whose paths are not the user's
// (parallax-beam reads gs:// and s3:// files through an fs.FS holding one
// file).
func LoadAs(fsys fs.FS, path, display string, opt LoadOptions, emit func(*Document) error) (*LoadReport, error) {
	return load(fsys, path, display, opt, emit)
}

// LoadPath is Load for a path on the operating system. "-" reads opt.Stdin
// (format opt.Format, default jsonl; a gzip stream is recognised by its magic
// bytes). A folder is opened as an os.Root, so neither manifest paths nor
// symbolic links can reach outside it, and symbolic link loops are refused.
// Documentation files in a folder (README*, LICENSE*, LICENCE*, COPYING*,
// NOTICE*, any case) are not corpus: see Load.
func LoadPath(name string, opt LoadOptions, emit func(*Document) error) (*LoadReport, error) {
	if name == "-" {
		return loadStdin(opt, emit)
	}
	info, err := os.Stat(name)
	if err != nil {
		return &LoadReport{}, inputOpenError(name, err)
	}
	if !info.IsDir() {
		dir, base := filepath.Split(name)
		if dir == "" {
			dir = "."
		}
		return load(os.DirFS(dir), base, name, opt, emit)
	}
	root, err := os.OpenRoot(name)
	if err != nil {
		return &LoadReport{}, inputOpenError(name, err)
	}
	defer root.Close()
	return load(root.FS(), ".", name, opt, emit)
}

// loadStdin reads records from opt.Stdin.
func loadStdin(opt LoadOptions, emit func(*Document) error) (*LoadReport, error) {
	return runLoad(opt, emit, true, (*loader).readStdin)
}

// readStdin reads the records of opt.Stdin.
func (l *loader) readStdin() error {
	if l.opt.Stdin == nil {
		return errors.New("standard input (\"-\") is not available here")
	}
	format := l.opt.Format
	if format == "" {
		format = "jsonl"
	}
	if format == "folder" {
		return errors.New("standard input (\"-\") holds records, not a folder: use --input-format jsonl, json or csv")
	}
	if format == "ndjson" {
		format = "jsonl"
	}
	l.rep.Format = format
	return l.readStream(l.opt.Stdin, "stdin", format, false)
}

// load is Load with display as the name used in messages for path.
func load(fsys fs.FS, name, display string, opt LoadOptions, emit func(*Document) error) (*LoadReport, error) {
	return runLoad(opt, emit, false, func(l *loader) error { return l.readInput(fsys, name, display) })
}

// readInput reads the file or folder name of fsys.
func (l *loader) readInput(fsys fs.FS, name, display string) error {
	if !fs.ValidPath(name) {
		return fmt.Errorf("%q is not a valid path inside the file system: use a slash-separated path without \"..\"", name)
	}
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return inputOpenError(display, err)
	}
	format, gz, err := decideFormat(display, info.IsDir(), l.opt.Format)
	if err != nil {
		return err
	}
	l.rep.Format = format
	if format == "folder" {
		if !info.IsDir() {
			return fmt.Errorf("%q is a file, but --input-format folder needs a folder", display)
		}
		return l.readFolder(fsys, name, display)
	}
	if info.IsDir() {
		return fmt.Errorf("%q is a folder, but --input-format %s needs a file: leave --input-format unset or use folder", display, format)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return inputOpenError(display, err)
	}
	defer f.Close()
	return l.readStream(f, display, format, gz)
}

// inputOpenError explains a failure to open the input.
func inputOpenError(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%q does not exist: check the path", name)
	}
	return fmt.Errorf("cannot open %q: %v", name, unwrapPathError(err))
}

// unwrapPathError drops the operation and path that *fs.PathError repeats.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// knownFormats is listed in messages about unknown inputs.
const knownFormats = "a folder, .jsonl or .ndjson (JSON Lines), .json (a JSON array of objects) or .csv, each optionally .gz"

// decideFormat returns the format of the input and whether its name ends in .gz.
func decideFormat(name string, isDir bool, format string) (string, bool, error) {
	lower := strings.ToLower(name)
	gz := strings.HasSuffix(lower, ".gz")
	switch format {
	case "jsonl", "ndjson":
		return "jsonl", gz, nil
	case "json", "csv", "folder":
		return format, gz, nil
	case "":
	default:
		return "", false, fmt.Errorf("unknown input format %q: set --input-format to jsonl, json, csv or folder", format)
	}
	if isDir {
		return "folder", false, nil
	}
	switch ext := path.Ext(strings.TrimSuffix(lower, ".gz")); ext {
	case ".jsonl", ".ndjson":
		return "jsonl", gz, nil
	case ".json":
		return "json", gz, nil
	case ".csv":
		return "csv", gz, nil
	}
	return "", false, fmt.Errorf("%q: unknown input format: parallax reads %s; set --input-format (jsonl, json or csv) to read another name", name, knownFormats)
}

// readStream reads records in format from r, decompressing it when gz is set
// or the stream starts with the gzip magic bytes.
func (l *loader) readStream(r io.Reader, name, format string, gz bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, _ := br.Peek(2)
	if gz || (len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
		zr, err := gzip.NewReader(br)
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF:
			return fmt.Errorf("%s: the gzip data ends inside its header: the file is truncated; copy or download it again", name)
		case err != nil:
			return fmt.Errorf("%s: not readable as gzip (%v): decompress it first or fix the name", name, err)
		}
		defer zr.Close()
		l.gz = &gzipReader{z: zr}
		br = bufio.NewReaderSize(l.gz, 64<<10)
	}
	if head, _ := br.Peek(binarySample); len(head) > 0 {
		if why := binaryReason(head); why != "" {
			hint := ""
			if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
				hint = "; it is a ZIP archive: save a spreadsheet (.xlsx, .ods) as CSV first"
			}
			return fmt.Errorf("%s cannot be read as UTF-8 text (%s): parallax reads JSON Lines, a JSON array or CSV%s", name, why, hint)
		}
	}
	var err error
	switch format {
	case "jsonl":
		err = l.readJSONLines(br, name)
	case "json":
		err = l.readJSONArray(br, name)
	case "csv":
		err = l.readCSV(br, name)
	default:
		return fmt.Errorf("%s: input format %q holds no records: set --input-format to jsonl, json or csv", name, format)
	}
	var damage *gzipDataError
	if errors.As(err, &damage) {
		return fmt.Errorf("%s: %v after %s: the file is damaged or truncated; copy or download it again", name, damage, pluralWord(l.rep.Read, "1 record", strconv.Itoa(l.rep.Read)+" records"))
	}
	return err
}

// gzipReader marks read errors of the gzip stream, so that a damaged or
// truncated file is reported as such and never taken for the end of input.
// It keeps the error: a parser that saw a cut record first can still tell.
type gzipReader struct {
	z   *gzip.Reader
	err error
}

func (g *gzipReader) Read(p []byte) (int, error) {
	n, err := g.z.Read(p)
	if err != nil && err != io.EOF {
		err = &gzipDataError{err}
		g.err = err
	}
	return n, err
}

// damaged returns the error of a damaged gzip input, or nil.
func (l *loader) damaged() error {
	if l.gz == nil {
		return nil
	}
	return l.gz.err
}

// gzipDataError is a read error inside compressed data.
type gzipDataError struct{ err error }

func (e *gzipDataError) Error() string { return e.err.Error() + " in gzip data" }
func (e *gzipDataError) Unwrap() error { return e.err }

// inputReadError turns a read error of name into a message; gzip damage is
// always fatal.
func inputReadError(name string, err error) error {
	var gz *gzipDataError
	if errors.As(err, &gz) {
		return fmt.Errorf("%s: %w: the file is damaged or truncated; copy or download it again", name, gz)
	}
	return fmt.Errorf("%s: read error: %v", name, err)
}

// loader holds the state of one Load: options, counters and the duplicate set.
type loader struct {
	opt          LoadOptions
	gz           *gzipReader // the decompressor, when the input is gzipped
	dateDefault  bool        // DateField is "date" (or left empty): fall back to "published"
	emit         func(*Document) error
	rep          *LoadReport
	seen         map[uint64]int64 // normalised-text hash -> position of the first document
	near         nearCheck        // documents with the same words as an earlier one
	posOrigin    func(int64) string
	trimWarned   map[string]bool
	tooManyTrims bool
	ids          idCheck
	groupDocs    map[string]int    // loaded documents per group
	folded       map[string]string // with FoldGroups: foldKey -> the group name used
	spellDocs    map[string]int    // with FoldGroups: loaded documents per spelling of a group
	repaired     []string          // origins of the first maxRepairedListed repaired documents
	sel          *selState         // with LoadOptions.Select: the selection and its counts
	firstFields  []string          // with a selection: the fields of the first record, for messages
}

// maxTrimWarnings bounds the warnings about trimmed group names.
const maxTrimWarnings = 20

func newLoader(opt LoadOptions, emit func(*Document) error) *loader {
	l := &loader{opt: opt, emit: emit, rep: &LoadReport{}, seen: map[uint64]int64{}, trimWarned: map[string]bool{},
		ids: idCheck{first: map[string]int64{}}, near: nearCheck{first: map[uint64]int64{}}, groupDocs: map[string]int{}}
	if opt.FoldGroups {
		l.folded, l.spellDocs = map[string]string{}, map[string]int{}
	}
	if opt.Select.Active() {
		l.sel = newSelState(opt.Select, opt.FoldGroups)
	}
	setDefault(&l.opt.TextField, "text")
	setDefault(&l.opt.GroupField, "outlet")
	setDefault(&l.opt.IDField, "id")
	// "date", given or by default: a record without it dates by "published"
	l.dateDefault = l.opt.DateField == "" || l.opt.DateField == "date"
	setDefault(&l.opt.DateField, "date")
	setDefault(&l.opt.TitleField, "title")
	setDefault(&l.opt.URLField, "url")
	return l
}

func setDefault(s *string, def string) {
	if *s == "" {
		*s = def
	}
}

// bad reports a malformed record: an error, or with SkipBad a skip of kind.
// hint says what the user can do and is only part of the error.
func (l *loader) bad(origin, kind, detail, hint string) error {
	if l.opt.SkipBad {
		l.skip(origin, kind, detail)
		return nil
	}
	if hint == "" {
		hint = "fix it or use --skip-bad to skip malformed records"
	}
	return fmt.Errorf("%s: %s: %s", origin, detail, hint)
}

// skip records a record that is not loaded.
func (l *loader) skip(origin, kind, detail string) {
	l.rep.Read++
	l.rep.Skipped = append(l.rep.Skipped, Skip{Origin: origin, Reason: kind + ": " + detail})
}

// warn adds a warning.
func (l *loader) warn(format string, args ...any) {
	l.rep.Warnings = append(l.rep.Warnings, fmt.Sprintf(format, args...))
}

// groupHint is the advice given when a record has no group value.
const groupHint = "set --group to the field that names the outlet, or fix the record"

// add finishes d and emits it, or skips it: a missing group is a bad record;
// empty and duplicate texts are skipped. pos locates d for duplicate messages
// through l.posOrigin. repaired says whether d's invalid UTF-8 was replaced.
// checkID says whether d.ID may repeat an earlier id: ids written in the
// input, and ids made from file names (a.txt and a.md both give "a").
func (l *loader) add(d *Document, pos int64, repaired, checkID bool) error {
	return l.addHashed(d, pos, repaired, checkID, l.prepareDoc(d))
}

// textHashes is what duplicate detection needs of a text, computed apart
// from the loader's state so that workers can compute it in parallel.
type textHashes struct {
	blank   bool   // the text is empty or white space only
	norm    uint64 // normalizedTextHash, when duplicates are checked
	words   uint64 // wordsHash, when duplicates are checked and wordsOK
	wordsOK bool
	// sel is the selection's decision (loader.decision); the hashes are
	// not computed for a document it removes.
	sel int
}

// prepareDoc is the work on d that depends on d alone: the selection's
// decision and, for a document it keeps, the text's hashes. Workers may
// call it concurrently.
func (l *loader) prepareDoc(d *Document) textHashes {
	if dec := l.decision(d); dec != selKeep {
		return textHashes{sel: dec}
	}
	if l.opt.KeepDuplicates {
		return l.hashText(d.Text)
	}
	if h, ok := l.opt.Hashes.lookup(d.Origin, d.Text); ok {
		return h
	}
	return l.hashText(d.Text)
}

// hashText computes the textHashes of text under the loader's options. It
// only reads the options: workers may call it concurrently.
func (l *loader) hashText(text string) textHashes {
	if l.opt.KeepDuplicates {
		return textHashes{blank: isBlankText(text)}
	}
	return textHash(text)
}

// addHashed is add with the text's hashes h already computed.
func (l *loader) addHashed(d *Document, pos int64, repaired, checkID bool, h textHashes) error {
	_, present := d.Fields[l.opt.GroupField]
	group, err := l.group(d.Group, present, d.Origin)
	if err != nil || group == "" {
		return err
	}
	d.Group = group
	if present {
		d.Fields[l.opt.GroupField] = group
	}
	if !l.selected(d, h.sel) {
		return nil
	}
	if h.blank {
		l.skip(d.Origin, skipEmpty, "the text is empty or white space only")
		return nil
	}
	if !l.opt.KeepDuplicates {
		l.opt.Hashes.record(d.Origin, d.Text, h)
		if first, ok := l.seen[h.norm]; ok {
			l.skip(d.Origin, skipDuplicate, "same text as "+l.posOrigin(first))
			return nil
		}
		l.seen[h.norm] = pos
		if h.wordsOK {
			l.near.note(h.words, pos, d.Origin, l.posOrigin)
		}
	}
	if l.opt.FoldGroups {
		l.foldGroup(d)
	}
	if !l.keptGroup(d) {
		return nil
	}
	d.Index = l.rep.Loaded
	l.rep.Read++
	l.rep.Loaded++
	if d.datePublished {
		l.rep.DatePublished++
	}
	fillDate(d)
	l.rep.Dates.add(d.DateSource)
	if repaired {
		l.rep.Repaired++
		if len(l.repaired) < maxRepairedListed {
			l.repaired = append(l.repaired, d.Origin)
		}
	}
	if checkID {
		l.ids.note(d.ID, pos, d.Origin, l.posOrigin)
	}
	l.groupDocs[d.Group]++
	return l.emit(d)
}
