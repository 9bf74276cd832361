package main

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"parallax/analysis/events"
)

// Story linking's counters and counts (PARALLAX_BEAM_METRICS=1,
// docs/cluster.md), and the statistics read from them.

var (
	storyBytesCounter = beam.NewCounter("parallax", "story_result_bytes")
	undatedDropped    = beam.NewCounter("parallax", "link_undated_dropped")
	componentDocs     = beam.NewDistribution("parallax", "component_documents")
	storyDocs         = beam.NewDistribution("parallax", "story_documents")
)

// linkBytes count the bytes story linking's elements take, estimated
// from their fields (8 bytes a hash, float or ordinal, 4 a frequency,
// strings their length): PARALLAX_BEAM_METRICS=1, docs/cluster.md.
var linkBytes = map[string]beam.Counter{}

func init() {
	for _, k := range []string{"features", "text", "bucket_part", "dictionary", "rare_part", "node", "rare_all", "posting",
		"contribution", "non_wide", "undated_pair", "neighbour", "link_vote", "member"} {
		linkBytes[k] = beam.NewCounter("parallax", "link_"+k+"_bytes")
	}
}

// nodeBytes estimates a node's size.
func nodeBytes(n *events.Node) int64 {
	b := 24 + len(n.ID) + len(n.Group) + len(n.Title) + len(n.Date) + 12*len(n.Rare)
	for _, k := range n.Keys {
		b += len(k)
	}
	return int64(b)
}

// linkStats reads the linking's counts into the events statistics.
func linkStats(ev *events.Collector, stats func(*string, *int64) bool, stories int) events.Stats {
	var st events.Stats
	var k string
	var n int64
	for stats(&k, &n) {
		switch k {
		case "docs":
			st.Docs = int(n)
		case "features":
			st.Features = int(n)
		case "undated_capped":
			st.UndatedCapped = int(n)
		case "candidates":
			st.Candidates = n
		case "similar":
			st.Similar = n
		case "max_neighbours":
			st.MaxNeighbours = int(n)
		case "edges":
			st.Edges = int(n)
		}
	}
	st.Stories = stories
	st.RareCap = ev.Scale(st.Docs).Cap
	return st
}
