package events

// HandText is the text of the i-th document of HandCorpus, as visited.
func HandText(i int) string { return handDocuments()[i].Text }
