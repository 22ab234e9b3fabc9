package gen

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
