package corpus

// TextKey is the key under which loading finds exact duplicates: the
// FNV-1a 64-bit hash of text lower-cased with white space collapsed. Two
// texts with the same key are one text for Load, which keeps the first.
// A loader spread over machines (parallax-beam) keys documents by it to
// drop the copies that Load, reading one input at a time, cannot see.
func TextKey(text string) uint64 { return textHash(text).norm }
