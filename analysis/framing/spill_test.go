package framing

import "testing"

// The records past RecordMemory go to a temporary file and are read back
// when the tables are built: every table is the same as with every record
// in memory, and the accumulator laws (splits, merges, encodings, whose
// stores spill at different points) still hold.
func TestRecordsSpilled(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole AllSides sample, several times")
	}
	c, err := NewCollector(testOptions(t, true, 3, 2))
	if err != nil {
		t.Fatal(err)
	}
	recs := sampleRecords(t, c, 0, nil)
	build := func() (*Acc, string) {
		a := c.NewAcc()
		for i := range recs {
			a.Add(&recs[i])
		}
		return a, render(a, recs)
	}
	inMemory, want := build()
	if inMemory.store.Spilled() != 0 {
		t.Fatalf("%d bytes spilled with a budget of %d", inMemory.store.Spilled(), RecordMemory)
	}
	old := RecordMemory
	defer func() { RecordMemory = old }()
	RecordMemory = 16 << 10 // a few dozen records in memory, the rest in the file
	spilled, got := build()
	if err := spilled.Err(); err != nil {
		t.Fatal(err)
	}
	if spilled.store.Spilled() < 4*RecordMemory {
		t.Fatalf("only %d bytes spilled past %d: the test does not read most records back", spilled.store.Spilled(), RecordMemory)
	}
	if got != want {
		t.Errorf("records read back from the temporary file give other tables")
	}
	// Encoded, spilled records travel in full (string ids may differ
	// between accumulators: the tables are what must agree).
	b, err := spilled.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back := c.NewAcc()
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if back.store.Spilled() == 0 {
		t.Errorf("a decoded accumulator keeps every record in memory past RecordMemory")
	}
	if render(back, recs) != want {
		t.Errorf("a spilled accumulator's encoding gives other tables")
	}
	checkLaws(t, true, 3, 2)
}
