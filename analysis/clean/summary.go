package clean

// Summary counts what cleaning removed from a corpus.
type Summary struct {
	Enabled      bool
	RepeatedRule bool // the repeated-line rule ran (it needs a first pass over the corpus)
	Removed      int64
	ByRule       map[string]int64
}
