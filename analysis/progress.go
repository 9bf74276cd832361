package analysis

import (
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

// bytes is where the loader counts input bytes: p.Bytes, or nil without p.
func (p *Progress) bytes() *atomic.Int64 {
	if p == nil {
		return nil
	}
	return &p.Bytes
}
