//go:build race

package segment

// raceEnabled: the race detector's runtime allocates and makes sync.Pool
// drop items, so allocation counts are not meaningful.
const raceEnabled = true
