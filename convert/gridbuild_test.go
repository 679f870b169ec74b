package convert

import "testing"

// Dates read from ISO text (.ods, Excel 2003 XML) become the serial numbers
// Excel stores, its 29 February 1900 included.
func TestISODateSerial(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"2024-12-31", "45657", true},
		{"2024-01-15T12:00:00", "45306.5", true},
		{"2024-12-31T08:30:00.000", "45657.3541666667", true},
		{"1900-03-01", "61", true},
		{"1900-02-28", "59", true},
		{"1900-01-02T06:14:24.000", "2.26", true},
		{"1899-12-31T06:14:24.000", "0.26", true},
		{"1899-12-30", "1899-12-30", true},
		{"2024-13-01", "", false},
		{"明天", "", false},
	} {
		got, ok := isoDateSerial(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("isoDateSerial(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
