package analysis

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"unsafe"

	"parallax/analysis/corpus"
)

// Fingerprint hashes what was loaded, in order: SHA-256 over the group, id
// and text of every document, each preceded by its length so that field
// boundaries cannot be confused. Result.Fingerprint is its first 16
// hexadecimal digits. parallax-beam computes it with the same code, on the
// worker that reads each input.
type Fingerprint struct{ h hash.Hash }

// NewFingerprint returns the fingerprint of no document.
func NewFingerprint() *Fingerprint { return &Fingerprint{h: sha256.New()} }

// Add adds the next document.
func (f *Fingerprint) Add(d *corpus.Document) {
	var n [8]byte
	for _, s := range []string{d.Group, d.ID, d.Text} {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		f.h.Write(n[:])
		f.h.Write(unsafe.Slice(unsafe.StringData(s), len(s))) // read only: no copy of the text
	}
}

// Digest returns the SHA-256 of the documents added so far.
func (f *Fingerprint) Digest() []byte { return f.h.Sum(nil) }

// String returns the fingerprint as Result.Fingerprint shows it.
func (f *Fingerprint) String() string { return hex.EncodeToString(f.Digest())[:16] }
