package templates

import "time"

// prefilled is a field of the pre-fill submission, nil (a blank cell) when
// there is none or the field is empty.
func (b *builder) prefilled(get func(*Submission) Text) any {
	if b.opt.Prefill == nil {
		return nil
	}
	return textOrNil(get(b.opt.Prefill).Value)
}

// prefilledDate makes a pre-filled 填报日期 of the form YYYY-MM-DD a real
// date; any other text stays as written.
func prefilledDate(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t
	}
	return v
}
