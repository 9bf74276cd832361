// Package corpus reads a corpus: a folder of text or HTML files (with a
// manifest, or one subfolder per group), JSON Lines, a JSON array or CSV,
// optionally gzipped, or standard input. It consumes a path or an fs.FS and
// LoadOptions naming the fields, and produces a stream of Documents (emitted
// one at a time, in reading order, with valid UTF-8 text) and a LoadReport
// counting what was read, repaired and skipped, and why. Source names a
// corpus for the pipeline and can count the input bytes read.
package corpus
