package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"parallax/analysis"
)

// The progress line: while a corpus is read, standard error shows the
// documents read, megabytes per second and, when the input's size is known,
// the time left, redrawn in place (\r) at most five times a second. It is
// drawn only when standard error is a terminal and --quiet is not given,
// never on standard output, and cleared before the report is written or an
// error printed. It only reads the pipeline's counters.

const (
	progressAfter = 500 * time.Millisecond // runs shorter than this show nothing
	progressEvery = 200 * time.Millisecond // at most five redraws a second
)

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// regularSize is the size of r when it is a regular file (standard input
// redirected from one), else 0.
func regularSize(r io.Reader) int64 {
	f, ok := r.(*os.File)
	if !ok {
		return 0
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return 0
	}
	return fi.Size()
}

// progressLine draws a Progress on w until stopped.
type progressLine struct {
	w     io.Writer
	p     *analysis.Progress
	size  int64 // input bytes when known, else 0
	start time.Time

	// What the drawing goroutine remembers between draws.
	pass      int32     // the pass last seen
	passStart time.Time // when it was first seen (the run's start for pass 1)
	passBytes int64     // bytes counted when it was first seen
	passDocs  int64     // documents counted when it was first seen
	doneAt    time.Time // when reading was first seen finished
	width     int       // characters of the line last drawn, to blank it

	mu       sync.Mutex // held while writing to w
	stop     chan struct{}
	finished chan struct{}
	once     sync.Once
}

// progressWriter is standard error while a progress line is drawn: what a
// command writes there (a note) first blanks the line, which the next tick
// redraws below it.
type progressWriter struct{ l *progressLine }

func (pw progressWriter) Write(b []byte) (int, error) {
	l := pw.l
	l.mu.Lock()
	defer l.mu.Unlock()
	l.blank()
	return l.w.Write(b)
}

// startProgress starts drawing p on standard error.
func (e *env) startProgress(p *analysis.Progress, size int64) {
	e.stopProgress()
	after, every := progressAfter, progressEvery
	if e.progressAfter != 0 {
		after = e.progressAfter
	}
	if e.progressEvery > 0 {
		every = e.progressEvery
	}
	l := &progressLine{w: e.stderr, p: p, size: size, start: time.Now(), stop: make(chan struct{}), finished: make(chan struct{})}
	l.passStart = l.start
	e.prog = l
	e.stderr = progressWriter{l}
	if after < 0 {
		l.draw(time.Now())
		after = every
	}
	go l.run(after, every)
}

// stopProgress clears the progress line, if one is drawn, and waits until
// it is: the progress line writes nothing after it returns.
func (e *env) stopProgress() {
	if e.prog != nil {
		e.prog.close()
		if _, ok := e.stderr.(progressWriter); ok {
			e.stderr = e.prog.w
		}
		e.prog = nil
	}
}

func (l *progressLine) run(after, every time.Duration) {
	defer close(l.finished)
	first := time.NewTimer(after)
	defer first.Stop()
	select {
	case <-l.stop:
		return
	case <-first.C:
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		l.draw(time.Now())
		select {
		case <-l.stop:
			return
		case <-tick.C:
		}
	}
}

// close stops the goroutine and blanks the line.
func (l *progressLine) close() {
	l.once.Do(func() {
		close(l.stop)
		<-l.finished
		l.mu.Lock()
		l.blank()
		l.mu.Unlock()
	})
}

// blank clears the line drawn, if any; l.mu is held.
func (l *progressLine) blank() {
	if l.width > 0 {
		fmt.Fprint(l.w, "\r"+strings.Repeat(" ", l.width)+"\r")
		l.width = 0
	}
}

// draw writes the status at now over the previous line.
func (l *progressLine) draw(now time.Time) {
	s := l.status(now)
	if s == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len([]rune(s))
	pad := ""
	if n < l.width {
		pad = strings.Repeat(" ", l.width-n)
	}
	fmt.Fprint(l.w, "\r"+s+pad)
	l.width = max(l.width, n)
}

// status is the text of the progress line at now, e.g.
//
//	parallax: pass 1/2 · 12034 documents · 45.2 of 120.0 MB · 30.1 MB/s · 3s left
func (l *progressLine) status(now time.Time) string {
	p := l.p
	if p.Done.Load() {
		if l.doneAt.IsZero() {
			l.doneAt = now
		}
		return fmt.Sprintf("parallax: read %d documents in %s; analysing… %s", p.Docs.Load(), duration(l.doneAt.Sub(l.start)), duration(now.Sub(l.doneAt)))
	}
	pass := p.Pass.Load()
	if pass == 0 {
		return "parallax: reading…"
	}
	docs, bytes, total := p.Docs.Load(), p.Bytes.Load(), p.Total.Load()
	if pass != l.pass {
		if l.pass != 0 { // a later pass: it started about now
			l.passStart, l.passBytes, l.passDocs = now, bytes, docs
		}
		l.pass = pass
	}
	parts := []string{"parallax:"}
	if passes := p.Passes.Load(); passes > 1 {
		parts = append(parts, fmt.Sprintf("pass %d/%d ·", pass, passes))
	}
	if total > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d documents", docs, total))
	} else {
		parts = append(parts, fmt.Sprintf("%d documents", docs))
	}
	elapsed := now.Sub(l.passStart).Seconds()
	var rate float64 // bytes a second in this pass
	if bytes > 0 {
		if l.size > 0 && bytes <= l.size {
			parts = append(parts, "· "+megabytes(bytes)+" of "+megabytes(l.size)+" MB")
		} else {
			parts = append(parts, "· "+megabytes(bytes)+" MB")
		}
		if elapsed >= 0.2 {
			rate = float64(bytes-l.passBytes) / elapsed
			parts = append(parts, "· "+megabytes(int64(rate))+" MB/s")
		}
	}
	switch {
	case l.size > 0 && bytes > 0 && bytes < l.size && rate > 0:
		left := time.Duration(float64(l.size-bytes) / rate * float64(time.Second))
		parts = append(parts, "· ETA "+duration(left))
	case total > 0 && docs > l.passDocs && docs < total && elapsed >= 0.2:
		perDoc := elapsed / float64(docs-l.passDocs)
		left := time.Duration(float64(total-docs) * perDoc * float64(time.Second))
		parts = append(parts, "· ETA "+duration(left))
	}
	return strings.Join(parts, " ")
}

// megabytes formats n bytes in MB (10⁶ bytes) with one decimal.
func megabytes(n int64) string {
	return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64)
}

// duration formats d in whole seconds: "42s", "3m07s", "1h02m".
func duration(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	}
	return fmt.Sprintf("%dh%02dm", s/3600, (s%3600)/60)
}
