package segment

// IDTable memoizes a property of normalised forms — stop word or not, a
// lexicon entry, a term id — by Token.ID: the first time a table meets an
// id it calls f, later it reads an array, so a collector pays no string
// hashing per token for it. f must depend only on the token's Norm (and
// Kind, which a Norm determines). An IDTable belongs to one worker (it is
// not safe for concurrent use), and its ids to the Norms of that worker's
// Tokenizer; tokens without an id (from Tokenize) are given to f every
// time.
type IDTable[T any] struct {
	f     func(tok *Token) T
	cells []idCell[T]
}

type idCell[T any] struct {
	v     T
	known bool
}

// NewIDTable returns an empty table of f.
func NewIDTable[T any](f func(tok *Token) T) *IDTable[T] { return &IDTable[T]{f: f} }

// Get returns f(tok), calling f only the first time the table meets tok.ID.
func (t *IDTable[T]) Get(tok *Token) T {
	id := int(tok.ID)
	if id <= 0 {
		return t.f(tok)
	}
	if id < len(t.cells) {
		if c := &t.cells[id]; c.known {
			return c.v
		}
	} else {
		t.cells = append(t.cells, make([]idCell[T], max(id+1-len(t.cells), len(t.cells)/2))...)
	}
	v := t.f(tok)
	t.cells[id] = idCell[T]{v, true}
	return v
}
