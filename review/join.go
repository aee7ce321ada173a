package review

import "github.com/dxdash/dxdash/client"

// Join joins one dataset (as GET /datasets/{id} returns it) into a field
// per key, in the package's order and with its first-wins rule (see the
// package comment). The slice is the caller's.
func Join(ds *client.Dataset, th Thresholds) []Field {
	var j Joiner
	return j.Join(ds, th)
}

// Joiner joins dataset after dataset, reusing its memory: the stats walk
// ten thousand datasets with one. The zero Joiner is ready; it is not safe
// for concurrent use.
type Joiner struct {
	// keys indexes every key met so far in the dataset, ground truth first,
	// into state: one map probe per field tells both its truth and whether
	// it was joined already.
	keys     map[string]int
	state    []keyState
	out      []Field
	repeated []string
	scores   map[string]float64
	th       Thresholds
	gt       []client.GroundTruth
}

type keyState struct {
	truth  int  // position of the key's first ground truth, or -1
	joined bool // a field with the key is in out
}

// Join joins ds. The fields returned are valid until the next call.
func (j *Joiner) Join(ds *client.Dataset, th Thresholds) []Field {
	j.reset(ds, th)
	for i := range ds.Fields {
		f := &ds.Fields[i]
		j.add(f.Name, f.Name, NoLineItem, f)
	}
	for _, item := range ds.LineItems {
		for i := range item.Fields {
			f := &item.Fields[i]
			j.add(LineItemKey(item.Index, f.Name), f.Name, item.Index, f)
		}
	}
	for i, g := range ds.GroundTruth {
		if st := &j.state[j.keys[g.Name]]; st.truth != i || st.joined {
			continue // a repeat (reported by reset), or extracted
		}
		index, name, ok := ParseLineItemKey(g.Name)
		if !ok {
			index, name = NoLineItem, g.Name
		}
		j.add(g.Name, name, index, nil)
	}
	return j.out
}

// Repeated lists the keys the last Join saw more than once, a key once for
// each repeat: the ground truth's repeats first, then the extraction's, each
// in the answer's order. Join kept the first of each. The slice is valid
// until the next call.
func (j *Joiner) Repeated() []string { return j.repeated }

func (j *Joiner) reset(ds *client.Dataset, th Thresholds) {
	if j.keys == nil {
		j.keys = make(map[string]int, len(ds.Fields)+len(ds.GroundTruth))
	}
	clear(j.keys)
	j.state = j.state[:0]
	clear(j.out) // drop the last dataset's strings and boxes for the collector
	j.out = j.out[:0]
	j.repeated = j.repeated[:0]
	j.th, j.gt, j.scores = th, ds.GroundTruth, nil
	if ds.Accuracy != nil {
		j.scores = ds.Accuracy.FieldScores
	}
	for i, g := range ds.GroundTruth {
		if _, dup := j.keys[g.Name]; dup {
			j.repeated = append(j.repeated, g.Name)
			continue
		}
		j.keys[g.Name] = len(j.state)
		j.state = append(j.state, keyState{truth: i})
	}
}

// add joins one field; f is nil for ground truth nothing was extracted for.
func (j *Joiner) add(key, name string, lineItem int, f *client.Field) {
	var st *keyState
	if at, ok := j.keys[key]; ok {
		st = &j.state[at]
	} else {
		j.keys[key] = len(j.state)
		j.state = append(j.state, keyState{truth: -1})
		st = &j.state[len(j.state)-1]
	}
	if st.joined {
		j.repeated = append(j.repeated, key)
		return
	}
	st.joined = true
	jf := Field{Key: key, Name: name, LineItem: lineItem, Type: "string"}
	if f != nil {
		jf.InExtraction = true
		jf.Value = f.Value
		jf.Confidence = f.Confidence
		jf.Box = f.BoundingBox
		if f.Type != "" {
			jf.Type = f.Type
		}
	}
	if st.truth >= 0 {
		jf.InTruth = true
		jf.Truth = j.gt[st.truth].Value
	}
	if s, ok := j.scores[key]; ok {
		jf.Score = s
		jf.Scored, jf.InvalidScore = InUnit(s), !InUnit(s)
	}
	jf.judge(j.th)
	j.out = append(j.out, jf)
}
