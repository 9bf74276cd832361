package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// JSON Lines are read in three stages, so that the per-record work runs on
// every core while every decision that depends on order stays in order:
//
//   - a reader splits the input into batches of lines, numbering lines and
//     records as it goes;
//   - workers parse each line of a batch, build its Document, check its
//     UTF-8 and compute its duplicate-detection hashes (textHashes): work
//     that depends on nothing but the line;
//   - the calling goroutine takes the batches back in input order and, line
//     by line, makes the decisions that depend on what came before (first
//     occurrence wins, skips, warnings, report counts, document indexes,
//     errors) and calls emit, exactly as a serial reader would.
//
// A fixed set of batches circulates (jsonlBatches, each of about
// jsonlBatchBytes plus at most one longer line), so memory stays bounded
// whatever the input size. A batch holding a line longer than
// jsonlKeepBytes goes out only once every other batch is back: at most two
// such lines are held at once (one in flight, the next one read), however
// many follow one another.
const (
	jsonlBatchBytes = 1 << 20
	jsonlBatchLines = 1024
	// jsonlKeepBytes is the largest buffer a batch keeps for reuse: one
	// huge line does not pin its memory for the rest of the load.
	jsonlKeepBytes = 8 << 20
)

// jsonlBatches is how many batches circulate with the given workers: enough
// for every worker to have one while the reader fills and the sequencer
// drains others.
func jsonlBatches(workers int) int { return 2*workers + 2 }

// jsonlBatch is a run of consecutive lines of JSON Lines input.
type jsonlBatch struct {
	data  []byte      // the lines' bytes, back to back
	lines []jsonlLine // the non-blank lines (and lines too long to read)
	// end is what follows the last line: nil (more lines), io.EOF, or the
	// error that stopped reading.
	end     error
	records int           // records numbered up to the end of this batch
	done    chan struct{} // closed once a worker has parsed the batch
}

// jsonlLine is one record line and, once parsed, its result.
type jsonlLine struct {
	from, to int // the line is data[from:to]
	lineNo   int
	recNo    int
	tooLong  bool

	origin     string
	doc        *Document  // the record's document, or nil when fail is set
	fail       *badRecord // why the record cannot be loaded
	explicitID bool
	repaired   bool
	hashes     textHashes
}

// readJSONLines reads one JSON object per line. Blank lines are ignored; lines
// may be of any length up to maxRecordBytes.
func (l *loader) readJSONLines(br *bufio.Reader, name string) error {
	l.posOrigin = prefixOrigin(name + ":")
	base := idBase(name)
	workers := max(runtime.GOMAXPROCS(0), 1)
	n := jsonlBatches(workers)
	free := make(chan *jsonlBatch, n)
	for range n {
		free <- &jsonlBatch{}
	}
	work := make(chan *jsonlBatch, n)
	order := make(chan *jsonlBatch, n)
	stop := make(chan struct{})
	var stopped atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1 + workers)
	go func() {
		defer wg.Done()
		defer close(work)
		defer close(order)
		l.splitJSONLines(br, free, n, work, order, stop, &stopped)
	}()
	for range workers {
		go func() {
			defer wg.Done()
			raw := map[string]json.RawMessage{}
			rec := rawRecord{}
			for b := range work {
				if !stopped.Load() {
					l.parseJSONBatch(b, name, base, raw, rec)
				}
				close(b.done)
			}
		}()
	}
	defer func() {
		stopped.Store(true)
		close(stop)
		for range order { // let the reader finish a send it began
		}
		wg.Wait()
	}()
	for b := range order {
		<-b.done
		if err := l.addJSONBatch(b); err != nil {
			return err
		}
		switch {
		case b.end == io.EOF:
			return l.noRecords(name, b.records)
		case b.end != nil:
			return inputReadError(name, b.end)
		}
		b.recycle()
		free <- b
	}
	return nil // not reached: the last batch carries the end
}

// splitJSONLines is the reader: it fills free batches with lines from br and
// passes each to the workers and, in order, to the sequencer, until the end
// of input, a read error, or stop. n batches circulate through free.
func (l *loader) splitJSONLines(br *bufio.Reader, free chan *jsonlBatch, n int, work, order chan<- *jsonlBatch, stop <-chan struct{}, stopped *atomic.Bool) {
	lineNo, recNo := 0, 0
	for {
		var b *jsonlBatch
		select {
		case b = <-free:
		case <-stop:
			return
		}
		for b.end == nil && len(b.lines) < jsonlBatchLines && len(b.data) < jsonlBatchBytes {
			if stopped.Load() {
				return
			}
			from := len(b.data)
			var tooLong bool
			var err error
			b.data, tooLong, err = appendJSONLine(br, b.data)
			if err != nil && err != io.EOF {
				b.data = b.data[:from]
				b.end = err
				break
			}
			line := b.data[from:]
			if err == io.EOF && len(line) == 0 && !tooLong {
				b.end = io.EOF
				break
			}
			lineNo++
			if lineNo == 1 {
				from += len(line) - len(stripUTF8BOM(line))
				line = b.data[from:]
			}
			if len(bytes.TrimSpace(line)) > 0 || tooLong {
				recNo++
				b.lines = append(b.lines, jsonlLine{from: from, to: len(b.data), lineNo: lineNo, recNo: recNo, tooLong: tooLong})
			} else {
				b.data = b.data[:from]
			}
			if err == io.EOF {
				b.end = io.EOF
			}
		}
		b.records = recNo
		if len(b.data) > jsonlKeepBytes && !waitAllBack(free, n-1, stop) {
			return
		}
		b.done = make(chan struct{})
		last := b.end != nil // b belongs to the sequencer once sent
		select {
		case work <- b:
		case <-stop:
			return
		}
		select {
		case order <- b:
		case <-stop:
			return
		}
		if last {
			return
		}
	}
}

// waitAllBack waits until the other k batches are back in free (handed
// on, their documents with them), and returns them there. It reports false
// when told to stop.
func waitAllBack(free chan *jsonlBatch, k int, stop <-chan struct{}) bool {
	back := make([]*jsonlBatch, 0, k)
	defer func() {
		for _, b := range back {
			free <- b // free has room for every batch
		}
	}()
	for len(back) < k {
		select {
		case b := <-free:
			back = append(back, b)
		case <-stop:
			return false
		}
	}
	return true
}

// parseJSONBatch parses every line of b: the part of loading that depends on
// the line alone. raw and rec are the worker's scratch space.
func (l *loader) parseJSONBatch(b *jsonlBatch, name, base string, raw map[string]json.RawMessage, rec rawRecord) {
	for i := range b.lines {
		ln := &b.lines[i]
		ln.origin = name + ":" + strconv.Itoa(ln.lineNo)
		if ln.tooLong {
			ln.fail = &badRecord{skipTooLarge, fmt.Sprintf("line longer than %d MiB", maxRecordBytes>>20), "split the record, or use --skip-bad to skip it"}
			continue
		}
		line := b.data[ln.from:ln.to]
		// The fast parser takes only valid UTF-8 (it checks every string,
		// and the rest of a record it takes is ASCII): a line it parses
		// needs no second check.
		clear(rec)
		valid := fastJSONObject(line, rec)
		if !valid {
			if err := slowJSONObject(line, raw, rec); err != nil {
				hint := ""
				if t := bytes.TrimLeft(line, " \t\r"); ln.recNo == 1 && len(t) > 0 && t[0] == '[' {
					hint = "JSON Lines hold one object per line; for a JSON array of objects name the file .json or use --input-format json"
				}
				ln.fail = &badRecord{skipMalformed, err.Error(), hint}
				continue
			}
		}
		ln.doc, ln.explicitID, ln.fail = l.buildRecord(rec, ln.origin, ln.recNo, base)
		if ln.doc != nil {
			ln.repaired = !valid && !utf8.Valid(line)
			ln.hashes = l.prepareDoc(ln.doc)
		}
	}
}

// addJSONBatch adds the parsed lines of b in order: the sequencer's part.
func (l *loader) addJSONBatch(b *jsonlBatch) error {
	for i := range b.lines {
		ln := &b.lines[i]
		var err error
		if ln.fail != nil {
			err = l.bad(ln.origin, ln.fail.kind, ln.fail.detail, ln.fail.hint)
		} else {
			err = l.addHashed(ln.doc, int64(ln.lineNo), ln.repaired, ln.explicitID, ln.hashes)
		}
		ln.doc = nil // handed on: the batch must not keep it alive
		if err != nil {
			return err
		}
	}
	return nil
}

// recycle empties b for the reader to fill again.
func (b *jsonlBatch) recycle() {
	if cap(b.data) > jsonlKeepBytes {
		b.data = nil
	}
	b.data = b.data[:0]
	clear(b.lines) // no strings or documents kept alive
	b.lines = b.lines[:0]
	b.end, b.records, b.done = nil, 0, nil
}

// noRecords is the error for JSON Lines input name that held no record
// (records is 0): an empty file, or standard input that got nothing.
func (l *loader) noRecords(name string, records int) error {
	switch {
	case records > 0:
		return nil
	case name == "stdin":
		return errors.New("standard input is empty: pipe JSON Lines into parallax (one object per line, {\"text\": …, \"outlet\": …}), or name a file; did the command before the pipe fail?")
	}
	return fmt.Errorf("%s is empty: JSON Lines hold one object per line ({\"text\": …, \"outlet\": …})", name)
}

// appendJSONLine appends one line without its "\n" to dst. A line longer
// than maxRecordBytes is consumed, not appended, and reported by tooLong. At
// the end of input the last line comes with io.EOF.
func appendJSONLine(br *bufio.Reader, dst []byte) (_ []byte, tooLong bool, err error) {
	start := len(dst)
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(dst)-start+len(chunk) > maxRecordBytes+1 {
				tooLong = true
				dst = dst[:start]
			} else {
				dst = append(dst, chunk...)
			}
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			if !tooLong {
				dst = dst[:len(dst)-1] // the "\n"
			}
			return dst, tooLong, nil
		default:
			return dst, tooLong, err
		}
	}
}
