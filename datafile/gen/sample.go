package gen

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
)

// Sample returns a small world model for tests, benchmarks and demos:
// people, companies and places, employment and marriage relations, a
// contract relation whose parties are employments (a nested relation),
// keys on people and companies, and an attribute that owns an attribute.
// Role names carry no scope; the generator scopes them for 2.x and 3.x.
func Sample() *Spec {
	return &Spec{
		Attributes: []AttributeType{
			{Label: "email", ValueType: String},
			{Label: "name", ValueType: String},
			{Label: "age", ValueType: Long},
			{Label: "height", ValueType: Double},
			{Label: "is-active", ValueType: Boolean},
			{Label: "start-date", ValueType: Datetime},
			{Label: "company-number", ValueType: Long},
			{Label: "currency", ValueType: String, Owns: []Owns{{Attribute: "name"}}},
			{Label: "salary", ValueType: Double},
			{Label: "date-of-event", ValueType: Datetime, Abstract: true},
		},
		Entities: []EntityType{
			{Label: "person", Owns: []Owns{{Attribute: "email", Key: true}, {Attribute: "name"}, {Attribute: "age"}, {Attribute: "height"}, {Attribute: "is-active"}},
				Plays: []RoleRef{{"employment", "employee"}, {"marriage", "spouse"}, {"residence", "resident"}}},
			{Label: "company", Owns: []Owns{{Attribute: "company-number", Key: true}, {Attribute: "name"}},
				Plays: []RoleRef{{"employment", "employer"}, {"residence", "resident"}}},
			{Label: "city", Owns: []Owns{{Attribute: "name"}},
				Plays: []RoleRef{{"residence", "place"}}},
			{Label: "thing", Abstract: true},
		},
		Relations: []RelationType{
			{Label: "employment", Relates: []string{"employee", "employer"}, Owns: []Owns{{Attribute: "start-date"}, {Attribute: "salary"}, {Attribute: "currency"}},
				Plays: []RoleRef{{"contract", "party"}}},
			{Label: "marriage", Relates: []string{"spouse"}, Owns: []Owns{{Attribute: "start-date"}}},
			{Label: "residence", Relates: []string{"resident", "place"}},
			{Label: "contract", Relates: []string{"party"}, Owns: []Owns{{Attribute: "start-date"}}},
		},
	}
}

// SampleFile returns the path of a 2.x export of Sample() with items
// items and seed 1 in dir, generating it the first time: benchmarks that
// read a large export share one cached copy. The file appears whole (it is
// written beside and renamed), so a run cut short leaves no partial copy.
func SampleFile(dir string, items int64) (string, error) {
	p := filepath.Join(dir, fmt.Sprintf("tqlmig-sample-%d.typedb", items))
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	f, err := os.CreateTemp(dir, ".tqlmig-sample-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(f.Name())
	w := bufio.NewWriterSize(f, 1<<20)
	_, err = Generate(w, Sample(), Options{Items: items, Seed: 1})
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	return p, os.Rename(f.Name(), p)
}
