package analysis

// WantsText reports whether VisitTexts needs the document of this input
// index: a document of a story whose text was kept neither in the first
// pass nor yet in this one. A second pass may skip the others before
// cleaning them (Options.Select). Safe for concurrent use.
func (c *EventCollector) WantsText(docIndex int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.result != nil {
		return false
	}
	if c.art == nil {
		c.freeze()
	}
	a := c.art
	m, ok := a.pos[docIndex]
	return ok && a.inStory[m] >= 0 && c.storyDocs[m] == nil && c.texts[docIndex] == nil
}
