package corpus

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Manifest names, in the order they are looked for.
const (
	manifestCSV  = "manifest.csv"
	manifestJSON = "manifest.json"
)

// maxLinkHops bounds the symbolic links followed in one path: more is a loop.
const maxLinkHops = 40

// errLinkLoop is the error of a path whose symbolic links loop.
var errLinkLoop = errors.New("symbolic link loop")

// maxListed is how many names a warning lists before "and N more".
const maxListed = 5

// layoutHelp explains the two folder layouts.
const layoutHelp = "parallax reads a folder in one of two layouts: " +
	"(1) a manifest.csv or manifest.json naming each file with its outlet (columns file, outlet, date, title, url, …), or " +
	"(2) one subfolder per outlet holding its articles (OUTLET/article.txt)"

// isDocName reports whether name has an extension read as a document in a
// folder without manifest.
func isDocName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".md", ".html", ".htm":
		return true
	}
	return false
}

// docFileWords start the names of documentation files: README.md, LICENSE,
// COPYING.LESSER, NOTICE.txt. They are not corpus.
var docFileWords = [...]string{"readme", "license", "licence", "copying", "notice"}

// isDocumentationName reports whether the file name (without folder) names
// documentation: a word of docFileWords in any case, alone or followed by
// anything but a letter (README.md, LICENSE-MIT, readme_fr.txt; not
// noticeboard.txt).
func isDocumentationName(name string) bool {
	for _, w := range docFileWords {
		if len(name) < len(w) || !strings.EqualFold(name[:len(w)], w) {
			continue
		}
		rest := name[len(w):]
		if rest == "" {
			return true
		}
		r, _ := utf8.DecodeRuneInString(rest)
		return !unicode.IsLetter(r)
	}
	return false
}

// isHTMLName reports whether name is read as HTML.
func isHTMLName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// loadFolder is one folder being read: where it is and how to name its files.
type loadFolder struct {
	fsys    fs.FS
	dir     string // the folder inside fsys
	display string // the folder as the user named it
	paths   []string
}

// join returns the path inside fsys of rel, a path relative to the folder.
func (f *loadFolder) join(rel string) string { return path.Join(f.dir, rel) }

// show names rel, a path relative to the folder, for messages.
func (f *loadFolder) show(rel string) string {
	if f.display == "." || f.display == "" {
		return rel
	}
	return strings.TrimSuffix(f.display, "/") + "/" + rel
}

// readFolder reads a folder with a manifest, or one subfolder per group.
func (l *loader) readFolder(fsys fs.FS, dir, display string) error {
	f := &loadFolder{fsys: fsys, dir: dir, display: display}
	l.posOrigin = func(p int64) string { return f.paths[p] }
	hasCSV := fsExists(fsys, f.join(manifestCSV))
	hasJSON := fsExists(fsys, f.join(manifestJSON))
	switch {
	case hasCSV && hasJSON:
		return fmt.Errorf("%q has both %s and %s: keep one", display, manifestCSV, manifestJSON)
	case hasCSV:
		return l.readManifest(f, manifestCSV)
	case hasJSON:
		return l.readManifest(f, manifestJSON)
	}
	return l.readSubfolders(f)
}

// fsExists reports whether name exists in fsys.
func fsExists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}

// manifestRun is the state of reading one manifest.
type manifestRun struct {
	name    string          // manifest file name
	named   map[string]bool // files named so far, relative to the folder
	missing []string        // "manifest.csv:4 \"a.txt\"" for files that do not exist
}

// readManifest reads the folder's files in the order the manifest lists them.
func (l *loader) readManifest(f *loadFolder, name string) error {
	m := &manifestRun{name: name, named: map[string]bool{}}
	row := func(origin string, rec rawRecord) error { return l.manifestRow(f, m, origin, rec) }
	var err error
	if name == manifestCSV {
		err = l.manifestCSVRows(f, name, row)
	} else {
		err = l.manifestJSONRows(f, name, row)
	}
	if err != nil {
		return err
	}
	if len(m.missing) > 0 {
		l.warn("%s names %d %s that %s not exist and %s not read: %s", f.show(name), len(m.missing),
			pluralWord(len(m.missing), "file", "files"), pluralWord(len(m.missing), "does", "do"),
			pluralWord(len(m.missing), "was", "were"), listNames(m.missing))
	}
	unlisted, err := unlistedFiles(f, m.named)
	if err != nil {
		return err
	}
	if len(unlisted) > 0 {
		l.warn("%d %s in %q %s not named by %s and %s not read: %s", len(unlisted), pluralWord(len(unlisted), "file", "files"),
			f.display, pluralWord(len(unlisted), "is", "are"), name, pluralWord(len(unlisted), "was", "were"), listNames(unlisted))
	}
	return nil
}

// pluralWord returns one when n is 1, else many.
func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// listNames joins the first maxListed names, saying how many more there are.
func listNames(names []string) string {
	if len(names) <= maxListed {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s (and %d more)", strings.Join(names[:maxListed], ", "), len(names)-maxListed)
}

// manifestCSVRows calls row for each row of a CSV manifest.
func (l *loader) manifestCSVRows(f *loadFolder, name string, row func(string, rawRecord) error) error {
	display := f.show(name)
	file, err := f.fsys.Open(f.join(name))
	if err != nil {
		return inputOpenError(display, err)
	}
	defer file.Close()
	cr := csv.NewReader(bufio.NewReader(file))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return fmt.Errorf("%s is empty: it needs a header row (file, %s, …) and one row per file", display, l.opt.GroupField)
	}
	if err != nil {
		return csvError(display, err, "the header row")
	}
	hline, _ := cr.FieldPos(0)
	header, err = manifestHeader(display, hline, header)
	if err != nil {
		return err
	}
	rec := rawRecord{}
	for {
		start := cr.InputOffset()
		fields, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return inputReadError(display, err)
			}
			detail, _ := csvRowProblem(pe, len(fields), len(header), cr.InputOffset()-start)
			if e := l.bad(display+":"+strconv.Itoa(pe.StartLine), skipMalformed, detail, "fix the manifest row or use --skip-bad"); e != nil {
				return e
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		clear(rec)
		for i, col := range header {
			v, _ := repairUTF8(fields[i])
			rec[col] = rawField{val: v}
		}
		if err := row(display+":"+strconv.Itoa(line), rec); err != nil {
			return err
		}
	}
}

// manifestHeader checks the header of a CSV manifest, read on line line
// (blank lines before it are skipped).
func manifestHeader(display string, line int, row []string) ([]string, error) {
	header, seen, err := headerNames(display, line, row)
	if err != nil {
		return nil, err
	}
	if !seen["file"] {
		return nil, fmt.Errorf("%s:%d: no \"file\" column (columns: %s): the manifest needs a column \"file\" with each file's path in the folder", display, line, strings.Join(header, ", "))
	}
	return header, nil
}

// manifestJSONRows calls row for each object of a JSON manifest (an array).
func (l *loader) manifestJSONRows(f *loadFolder, name string, row func(string, rawRecord) error) error {
	display := f.show(name)
	file, err := f.fsys.Open(f.join(name))
	if err != nil {
		return inputOpenError(display, err)
	}
	defer file.Close()
	lc := &lineCounter{r: bufio.NewReader(file), line: 1}
	dec := json.NewDecoder(lc)
	tok, err := dec.Token()
	if d, ok := tok.(json.Delim); err != nil || !ok || d != '[' {
		return fmt.Errorf("%s: expected a JSON array of objects ([{\"file\": …, %q: …}, …])", display, l.opt.GroupField)
	}
	return l.eachArrayObject(dec, lc, display, "fix the manifest or use --skip-bad", func(origin string, _ int, _ []byte, rec rawRecord) error {
		return row(origin, rec)
	})
}

// manifestRow reads the file named by one manifest row.
func (l *loader) manifestRow(f *loadFolder, m *manifestRun, origin string, rec rawRecord) error {
	fileField := rec["file"]
	if fileField.kind == rawNull || fileField.kind == rawNested || strings.TrimSpace(fileField.val) == "" {
		return l.bad(origin, skipMissing, "row has no \"file\" value", "name the file or remove the row")
	}
	rel, err := manifestPath(fileField.val)
	if err != nil {
		return fmt.Errorf("%s: file %q %v: manifest paths must be relative and stay inside the folder", origin, fileField.val, err)
	}
	if err := linkInside(f.fsys, f.dir, rel); err != nil {
		hint := "manifest paths must stay inside the folder"
		if errors.Is(err, errLinkLoop) {
			hint = "remove the link, or point it at a file"
		}
		return fmt.Errorf("%s: file %q: %v: %s", origin, fileField.val, err, hint)
	}
	m.named[rel] = true
	dateField := l.opt.DateField
	if _, ok := rec[dateField]; !ok && l.dateDefault {
		dateField = "published"
	}
	_, fromPublished := rec[dateField]
	fromPublished = fromPublished && dateField == "published" && l.dateDefault
	for _, name := range [...]string{l.opt.GroupField, l.opt.IDField, dateField, l.opt.TitleField, l.opt.URLField} {
		if rec[name].kind == rawNested {
			return l.bad(origin, skipMalformed, fmt.Sprintf("field %q is a JSON object or array; it must be text, a number or true/false", name), "")
		}
	}
	groupField, present := rec[l.opt.GroupField]
	group, err := l.group(groupField.val, present && groupField.kind != rawNull, origin)
	if err != nil || group == "" {
		return err
	}
	data, err := readDocFile(f.fsys, f.join(rel))
	if errors.Is(err, fs.ErrNotExist) {
		m.missing = append(m.missing, fmt.Sprintf("%s %q", origin, fileField.val))
		return nil
	}
	d := &Document{
		ID:    rec[l.opt.IDField].val,
		Group: group,
		Date:  rec[dateField].val,

		datePublished: fromPublished,
		Title:         rec[l.opt.TitleField].val,
		URL:           rec[l.opt.URLField].val,
		Origin:        f.show(rel),
		Fields:        make(map[string]string, len(rec)),
	}
	if d.ID == "" {
		d.ID = strings.TrimSuffix(rel, path.Ext(rel))
	}
	for name, v := range rec {
		if v.kind != rawNull {
			d.Fields[name] = v.val
		}
	}
	return l.addFile(f, d, rel, data, err)
}

// manifestPath checks and cleans a path from a manifest.
func manifestPath(p string) (string, error) {
	p = strings.TrimSpace(p)
	slashed := strings.ReplaceAll(p, "\\", "/")
	if strings.HasPrefix(slashed, "/") || (len(p) >= 2 && p[1] == ':') {
		return "", errors.New("is absolute")
	}
	for _, elem := range strings.Split(slashed, "/") {
		if elem == ".." {
			return "", errors.New("goes up with \"..\"")
		}
	}
	clean := path.Clean(slashed)
	if clean == "." || !fs.ValidPath(clean) {
		return "", errors.New("is not a file path")
	}
	return clean, nil
}

// linkInside follows the symbolic links on the path rel inside folder dir of
// fsys and fails when one leads outside dir, is absolute, or loops. Missing
// files pass: opening them reports that. File systems without symbolic links
// (fs.ReadLinkFS) always pass.
func linkInside(fsys fs.FS, dir, rel string) error {
	if _, ok := fsys.(fs.ReadLinkFS); !ok {
		return nil
	}
	var cur []string
	pending := strings.Split(rel, "/")
	for hops := 0; len(pending) > 0; {
		elem := pending[0]
		pending = pending[1:]
		switch elem {
		case "", ".":
			continue
		case "..":
			if len(cur) == 0 {
				return errors.New("a symbolic link leads outside the folder")
			}
			cur = cur[:len(cur)-1]
			continue
		}
		name := path.Join(dir, path.Join(cur...), elem)
		info, err := fs.Lstat(fsys, name)
		if err != nil {
			return nil
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			cur = append(cur, elem)
			continue
		}
		if hops++; hops > maxLinkHops {
			return errLinkLoop
		}
		target, err := fs.ReadLink(fsys, name)
		if err != nil {
			return fmt.Errorf("unreadable symbolic link: %v", unwrapPathError(err))
		}
		if path.IsAbs(target) || strings.HasPrefix(target, "\\") || (len(target) >= 2 && target[1] == ':') {
			return fmt.Errorf("a symbolic link leads outside the folder (to %q)", target)
		}
		pending = append(strings.Split(target, "/"), pending...)
	}
	return nil
}

// readDocFile reads a document file, at most maxRecordBytes+1 bytes.
func readDocFile(fsys fs.FS, name string) ([]byte, error) {
	file, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, errors.New("is a folder, not a file")
	}
	return io.ReadAll(io.LimitReader(file, int64(maxRecordBytes)+1))
}

// addFile checks a document file's content and adds d with it. readErr is the
// error of reading the file.
func (l *loader) addFile(f *loadFolder, d *Document, rel string, data []byte, readErr error) error {
	switch {
	case readErr != nil:
		return l.bad(d.Origin, skipUnread, fmt.Sprintf("cannot read the file: %v", unwrapPathError(readErr)), "check the file's permissions or use --skip-bad")
	case len(data) > maxRecordBytes:
		return l.bad(d.Origin, skipTooLarge, fmt.Sprintf("file larger than %d MiB", maxRecordBytes>>20), "split it, or use --skip-bad to skip it")
	}
	if why := binaryReason(data); why != "" {
		l.skip(d.Origin, skipBinary, why)
		return nil
	}
	text, repaired := repairUTF8(string(stripUTF8BOM(data)))
	if isHTMLName(rel) {
		title, body, err := ExtractHTML(strings.NewReader(text))
		if err != nil {
			return l.bad(d.Origin, skipMalformed, fmt.Sprintf("cannot read the HTML: %v", err), "")
		}
		text = body
		if d.Title == "" {
			d.Title = title
		}
	}
	d.Text = text
	pos := int64(len(f.paths))
	f.paths = append(f.paths, d.Origin)
	return l.add(d, pos, repaired, true) // ids from file names can repeat too
}

// binarySample is how much of a file binaryReason looks at.
const binarySample = 8 << 10

// binaryReason says why data looks like a binary file, or "" when it looks
// like text: a NUL byte in the first 8 KiB, or more than 30% of its bytes
// control codes (other than tab, line and page breaks) or invalid UTF-8.
func binaryReason(data []byte) string {
	head := data[:min(len(data), binarySample)]
	if len(head) >= 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF) {
		return "UTF-16 text (byte order mark): convert it to UTF-8"
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "NUL bytes in the first 8 KiB"
	}
	bad := 0
	for i := 0; i < len(head); {
		c := head[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F {
				bad++
			}
			i++
			continue
		}
		if len(head) < len(data) && !utf8.FullRune(head[i:]) {
			break // a character cut by the end of the sample
		}
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		i += size
	}
	if bad*10 > len(head)*3 {
		return fmt.Sprintf("%d%% of the first %d bytes are control codes or invalid UTF-8", bad*100/len(head), len(head))
	}
	return ""
}

// unlistedFiles lists the files of the folder (recursively, without hidden
// files, documentation files and the manifests) that named does not hold.
func unlistedFiles(f *loadFolder, named map[string]bool) ([]string, error) {
	var out []string
	err := fs.WalkDir(f.fsys, f.dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable subfolder: its files are not listed
		}
		if p != f.dir && strings.HasPrefix(e.Name(), ".") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, f.dir+"/")
		if f.dir == "." {
			rel = p
		}
		if rel != manifestCSV && rel != manifestJSON && !named[rel] && !isDocumentationName(e.Name()) {
			out = append(out, rel)
		}
		return nil
	})
	return out, err
}

// readSubfolders reads a folder without manifest: each subfolder is a group.
func (l *loader) readSubfolders(f *loadFolder) error {
	entries, err := fs.ReadDir(f.fsys, f.dir)
	if err != nil {
		return fmt.Errorf("cannot list %q: %v", f.display, unwrapPathError(err))
	}
	var groups, loose, ignored, links []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		kind, err := entryKind(f, name, e)
		if err == nil && kind == entryFile && isDocumentationName(name) {
			continue // README.md, LICENSE, …: not corpus, and not loose files
		}
		switch {
		case err != nil:
			if e := l.bad(f.show(name), skipLink, err.Error(), "remove the link or use --skip-bad"); e != nil {
				return e
			}
		case kind == entryDirLink:
			links = append(links, name)
		case kind == entryDir:
			groups = append(groups, name)
		case isDocName(name):
			loose = append(loose, name)
		default:
			ignored = append(ignored, name)
		}
	}
	if len(loose) > 0 {
		return fmt.Errorf("%q has files at its top level (%s) and no manifest: %s", f.display, listNames(loose), layoutHelp)
	}
	if len(groups) == 0 {
		return fmt.Errorf("%q has no manifest and no subfolders: %s", f.display, layoutHelp)
	}
	for _, g := range groups {
		if err := l.readGroupFolder(f, g, g, &ignored, &links); err != nil {
			return err
		}
	}
	if len(links) > 0 {
		l.warn("%d symbolic %s to folders in %q %s not followed: %s", len(links), pluralWord(len(links), "link", "links"),
			f.display, pluralWord(len(links), "was", "were"), listNames(links))
	}
	if len(ignored) > 0 {
		l.warn("%d %s in %q %s not read (only .txt, .md, .html and .htm files are): %s", len(ignored),
			pluralWord(len(ignored), "file", "files"), f.display, pluralWord(len(ignored), "was", "were"), listNames(ignored))
	}
	return nil
}

// Kinds of folder entries.
const (
	entryFile = iota
	entryDir
	entryDirLink
)

// entryKind classifies the folder entry rel: file, folder, or symbolic link
// to a folder (not followed, so walking cannot loop). A link leading outside
// the folder, or looping, is an error.
func entryKind(f *loadFolder, rel string, e fs.DirEntry) (int, error) {
	if e.IsDir() {
		return entryDir, nil
	}
	if e.Type()&fs.ModeSymlink == 0 {
		return entryFile, nil
	}
	if err := linkInside(f.fsys, f.dir, rel); err != nil {
		return entryFile, err
	}
	info, err := fs.Stat(f.fsys, f.join(rel))
	if err != nil {
		return entryFile, fmt.Errorf("unreadable symbolic link: %v", unwrapPathError(err))
	}
	if info.IsDir() {
		return entryDirLink, nil
	}
	return entryFile, nil
}

// readGroupFolder reads the documents under rel (recursively, in name order)
// as members of group.
func (l *loader) readGroupFolder(f *loadFolder, rel, group string, ignored, links *[]string) error {
	entries, err := fs.ReadDir(f.fsys, f.join(rel))
	if err != nil {
		return l.bad(f.show(rel), skipUnread, fmt.Sprintf("cannot list the folder: %v", unwrapPathError(err)), "check its permissions or use --skip-bad")
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		sub := rel + "/" + name
		kind, err := entryKind(f, sub, e)
		switch {
		case err != nil:
			err = l.bad(f.show(sub), skipLink, err.Error(), "remove the link or use --skip-bad")
		case kind == entryDirLink:
			*links = append(*links, sub)
		case kind == entryDir:
			err = l.readGroupFolder(f, sub, group, ignored, links)
		case !isDocName(name):
			*ignored = append(*ignored, sub)
		default:
			err = l.groupFile(f, sub, group)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// groupFile reads one document of a folder without manifest.
func (l *loader) groupFile(f *loadFolder, rel, group string) error {
	data, err := readDocFile(f.fsys, f.join(rel))
	d := &Document{
		ID:     strings.TrimSuffix(rel, path.Ext(rel)),
		Group:  group,
		Origin: f.show(rel),
		Fields: map[string]string{"file": rel, l.opt.GroupField: group},
	}
	return l.addFile(f, d, rel, data, err)
}
