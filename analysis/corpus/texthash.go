package corpus

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// textHash computes the duplicate-detection hashes of s in one pass over
// its bytes:
//
//   - norm is the blockHash of s lower-cased, with every run of white
//     space replaced by one space and leading and trailing space removed
//     (the "normalised text"): two texts with the same norm are exact
//     duplicates;
//   - words is the blockHash of the words of s: its runs of letters (and
//     marks), lower-cased, one space between them; digits, punctuation
//     and white space only separate words. wordsOK is false when s has
//     fewer than nearMinWords words. Two texts with the same words hash
//     but different norm are near duplicates: they differ only in digits
//     or punctuation;
//   - blank says whether s holds only white space.
//
// The pass writes both streams, without branches for ASCII bytes, into
// small buffers that blockHash consumes eight bytes at a time: only bytes
// outside ASCII are decoded as runes. The values are those of blockHash on
// the streams built by the reference functions in the tests.
func textHash(s string) textHashes {
	s = strings.TrimFunc(s, unicode.IsSpace)
	if s == "" {
		return textHashes{blank: true, norm: blockHash(""), words: blockHash("")}
	}
	var nb, wb [hashChunk + 16]byte
	hn, hw := newBlockHasher(), newBlockHasher()
	np, wp := 0, 0
	prevSp, prevL, words := 0, 0, 0
	var rb [utf8.UTFMax]byte
	for i := 0; i < len(s); {
		for i < len(s) && np < hashChunk && wp < hashChunk {
			if len(s)-i >= 8 {
				w := le64(s[i:])
				if ok, x, m := plainWord(w, prevSp); ok {
					// Eight ASCII bytes, no white space but single spaces.
					binary.LittleEndian.PutUint64(nb[np:], x)
					np += 8
					prevSp = b2i(x>>56 == ' ')
					prevBits := (m<<1 | uint64(prevL)) & 0xff
					adv := m | (prevBits &^ m)
					words += bits.OnesCount64(m &^ prevBits)
					prevL = int(m >> 7)
					wx := wordBytes(x)
					if adv == 0xff {
						binary.LittleEndian.PutUint64(wb[wp:], wx)
						wp += 8
					} else {
						for k := range 8 {
							wb[wp] = byte(wx >> (8 * k))
							wp += int(adv >> k & 1)
						}
					}
					i += 8
					continue
				}
			}
			c := s[i]
			if c < utf8.RuneSelf {
				// Normalised text: a space advances only after a non-space.
				sp := int(hashSpace[c])
				nb[np] = hashNorm[c]
				np += 1 ^ (sp & prevSp)
				prevSp = sp
				// Words: a letter always advances; the separator written
				// over a word's first following non-letter advances once.
				l := int(hashLetter[c])
				wb[wp] = hashWord[c]
				wp += l | (prevL &^ l)
				words += l &^ prevL
				prevL = l
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			n := utf8.EncodeRune(rb[:], unicode.ToLower(r))
			if unicode.IsSpace(r) {
				nb[np] = ' '
				np += 1 ^ prevSp
				prevSp = 1
			} else {
				np += copy(nb[np:], rb[:n])
				prevSp = 0
			}
			if unicode.IsLetter(r) || (prevL == 1 && unicode.IsMark(r)) {
				words += 1 &^ prevL
				wp += copy(wb[wp:], rb[:n])
				prevL = 1
			} else {
				wb[wp] = ' '
				wp += prevL
				prevL = 0
			}
		}
		// Keep the last byte of each stream: the words stream's may be a
		// trailing separator, dropped at the end.
		np = hn.consume(nb[:np], 1)
		wp = hw.consume(wb[:wp], 1)
	}
	if prevL == 0 && wp > 0 {
		wp-- // the separator after the last word
	}
	return textHashes{
		norm:    hn.sum(nb[:np]),
		words:   hw.sum(wb[:wp]),
		wordsOK: words >= nearMinWords,
	}
}

// le64 reads the first eight bytes of s as a little-endian word.
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// b2i is 1 for true, 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// plainWord reports whether the eight bytes of w (little-endian) go into
// the normalised text unchanged but for case: all ASCII, no white space
// but the space, no two spaces in a row (nor a space first when the byte
// before was one, prevSp). If so, x is w lower-cased and m has bit k set
// when byte k is a letter.
func plainWord(w uint64, prevSp int) (ok bool, x, m uint64) {
	if w&swarHigh != 0 || (w-0x20*swarOnes)&^w&swarHigh != 0 {
		return false, 0, 0 // not ASCII, or a control byte
	}
	const low7 = 0x7f * swarOnes
	t := w ^ 0x20*swarOnes
	sp := ^((t&low7 + low7) | t | low7) // 0x80 at spaces, 0 elsewhere
	if sp&(sp<<8) != 0 || sp&(uint64(prevSp)<<7) != 0 {
		return false, 0, 0
	}
	upper := (w + (0x80-'A')*swarOnes) &^ (w + (0x80-'Z'-1)*swarOnes) & swarHigh
	x = w | upper>>2
	letter := (x + (0x80-'a')*swarOnes) &^ (x + (0x80-'z'-1)*swarOnes) & swarHigh
	m = (letter >> 7) * 0x0102040810204080 >> 56
	return true, x, m
}

// wordBytes is x (lower-cased ASCII) with every byte that is not a letter
// made a space: the bytes of the words stream.
func wordBytes(x uint64) uint64 {
	letter := (x + (0x80-'a')*swarOnes) &^ (x + (0x80-'z'-1)*swarOnes) & swarHigh
	keep := (letter >> 7) * 0xff
	return x&keep | 0x20*swarOnes&^keep
}

// hashChunk is how many stream bytes textHash buffers before hashing them.
const hashChunk = 4096

// Byte tables of textHash for ASCII: hashSpace marks white space (as
// unicode.IsSpace has it), hashLetter A-Z and a-z; hashNorm is a byte of
// the normalised text (white space as ' ', letters lower-cased), hashWord
// of the words stream (letters lower-cased, anything else ' ').
var hashSpace, hashLetter, hashNorm, hashWord = func() (sp, l [utf8.RuneSelf]uint8, norm, word [utf8.RuneSelf]byte) {
	for c := range utf8.RuneSelf {
		b := byte(c)
		norm[c], word[c] = b, ' '
		switch {
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == ' ':
			sp[c], norm[c] = 1, ' '
		case 'A' <= c && c <= 'Z':
			l[c], norm[c], word[c] = 1, b+'a'-'A', b+'a'-'A'
		case 'a' <= c && c <= 'z':
			l[c], word[c] = 1, b
		}
	}
	return sp, l, norm, word
}()

// blockHash is a 64-bit hash of s that reads it eight bytes at a time: each
// little-endian word is folded in by a multiply and a shift (both
// bijections, so two inputs that differ in one word always differ after
// it), the tail is zero-padded, and the length and a final avalanche
// close it. It is not FNV; it only has to tell texts apart, and it is the
// same on every machine (parallax-beam keys documents by it).
func blockHash(s string) uint64 {
	h := newBlockHasher()
	full := len(s) &^ 7
	for i := 0; i < full; i += 8 {
		h.word(le64(s[i:]))
	}
	h.n += full
	return h.sum([]byte(s[full:]))
}

// blockHasher is blockHash's state, fed in pieces.
type blockHasher struct {
	h uint64 // the chain, from blockSeed
	n int    // bytes consumed
}

// newBlockHasher starts a chain.
func newBlockHasher() blockHasher { return blockHasher{h: blockSeed} }

const (
	blockSeed = 0x243f6a8885a308d3
	blockMul  = 0x9e3779b97f4a7c15
)

// word folds one 8-byte word into the chain.
func (b *blockHasher) word(w uint64) {
	b.h = (b.h ^ w) * blockMul
	b.h ^= b.h >> 29
}

// consume hashes the whole words of buf, keeping at least keep bytes, moves
// the rest to the front of buf and returns its length.
func (b *blockHasher) consume(buf []byte, keep int) int {
	full := max(len(buf)-keep, 0) &^ 7
	for i := 0; i < full; i += 8 {
		b.word(binary.LittleEndian.Uint64(buf[i:]))
	}
	b.n += full
	return copy(buf, buf[full:])
}

// sum hashes the rest of the input, tail (any length), and returns the hash.
func (b *blockHasher) sum(tail []byte) uint64 {
	for len(tail) >= 8 {
		b.word(binary.LittleEndian.Uint64(tail))
		tail = tail[8:]
		b.n += 8
	}
	var last [8]byte
	copy(last[:], tail)
	b.word(binary.LittleEndian.Uint64(last[:]))
	h := b.h ^ uint64(b.n+len(tail))*blockMul
	// The finaliser of MurmurHash3 (fmix64).
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}
