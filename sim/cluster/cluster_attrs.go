package cluster

import "slices"

// SetAttributes replaces the instance's custom and built-in attributes,
// moving its tasks' spread counts to the new attribute values.
func (c *Cluster) SetAttributes(in *Instance, attrs []Attribute) {
	for _, gc := range in.groups {
		c.countSpread(in, gc.g, -gc.n)
	}
	c.setAttributes(in, attrs)
	for _, gc := range in.groups {
		c.countSpread(in, gc.g, gc.n)
	}
	in.version++
	c.changed(in)
}

func (c *Cluster) setAttributes(in *Instance, attrs []Attribute) {
	attrs = slices.Clone(attrs)
	slices.SortStableFunc(attrs, func(a, b Attribute) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	// A later attribute of the same name wins.
	out := attrs[:0]
	for i, a := range attrs {
		if i+1 < len(attrs) && attrs[i+1].Name == a.Name {
			continue
		}
		out = append(out, a)
	}
	in.attrs = out
	in.attrVals = in.attrVals[:0]
	for _, a := range out {
		id := c.Attr(a.Name)
		for int(id) >= len(in.attrVals) {
			in.attrVals = append(in.attrVals, -1)
		}
		in.attrVals[id] = c.internValue(id, a.Value)
	}
}

// Attr returns the ID of the attribute name, interning it.
func (c *Cluster) Attr(name string) AttrID {
	if id, ok := c.attrIDs[name]; ok {
		return id
	}
	id := AttrID(len(c.attrNames))
	c.attrIDs[name] = id
	c.attrNames = append(c.attrNames, name)
	c.attrValIDs = append(c.attrValIDs, map[string]int32{})
	c.attrVals = append(c.attrVals, nil)
	return id
}

func (c *Cluster) internValue(a AttrID, v string) int32 {
	if id, ok := c.attrValIDs[a][v]; ok {
		return id
	}
	id := int32(len(c.attrVals[a]))
	c.attrValIDs[a][v] = id
	c.attrVals[a] = append(c.attrVals[a], v)
	return id
}

// AttrValueName returns the string of an interned value of attribute a.
func (c *Cluster) AttrValueName(a AttrID, v int32) string { return c.attrVals[a][v] }

// AttrValueCount returns how many distinct values attribute a has taken.
func (c *Cluster) AttrValueCount(a AttrID) int { return len(c.attrVals[a]) }

// Group returns the ID of a task group name, interning it.
func (c *Cluster) Group(name string) GroupID {
	if id, ok := c.groupIDs[name]; ok {
		return id
	}
	id := GroupID(len(c.groupNames))
	c.groupIDs[name] = id
	c.groupNames = append(c.groupNames, name)
	return id
}

// GroupName returns the name of group g.
func (c *Cluster) GroupName(g GroupID) string { return c.groupNames[g] }

// TrackSpread asks the cluster to count, per task group, the tasks on
// instances with each value of attribute a, for spread placement on a.
// Call it before placing tasks.
func (c *Cluster) TrackSpread(a AttrID) {
	if !slices.Contains(c.tracked, a) {
		c.tracked = append(c.tracked, a)
	}
}

// SpreadCount returns the number of group g's tasks on instances whose
// attribute a has value v; v = -1 counts the instances without the attribute,
// which spread treats as one more value. Attribute a must be tracked
// (TrackSpread).
func (c *Cluster) SpreadCount(g GroupID, a AttrID, v int32) int {
	counts := c.spread[spreadKey{g, a}]
	slot := int(v) + 1
	if slot < 0 || slot >= len(counts) {
		return 0
	}
	return int(counts[slot])
}

// countGroup adds d to the number of group g's tasks on in, and to its
// spread counts.
func (c *Cluster) countGroup(in *Instance, g GroupID, d int32) {
	found := false
	for i := range in.groups {
		if in.groups[i].g == g {
			in.groups[i].n += d
			if in.groups[i].n == 0 {
				in.groups = slices.Delete(in.groups, i, i+1)
			}
			found = true
			break
		}
	}
	if !found {
		in.groups = append(in.groups, groupCount{g, d})
	}
	c.countSpread(in, g, d)
}

// countSpread adds d to group g's count at in's value of every tracked
// attribute.
func (c *Cluster) countSpread(in *Instance, g GroupID, d int32) {
	for _, a := range c.tracked {
		// Slot 0 counts instances without the attribute; value v is at v+1.
		slot := int(in.AttrValue(a)) + 1
		k := spreadKey{g, a}
		counts := c.spread[k]
		for slot >= len(counts) {
			counts = append(counts, 0)
		}
		counts[slot] += d
		c.spread[k] = counts
	}
}
