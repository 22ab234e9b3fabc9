package datafile_test

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
)

// Write a small export, then read it back item by item.
func Example() {
	var buf bytes.Buffer
	w := datafile.NewWriter(&buf)
	w.WriteHeader("2.29.1", "social")
	w.Write(&datafile.Item{Kind: concept.Attribute, ID: []byte("YQ=="), Label: []byte("name"),
		HasValue: true, Value: datafile.Value{Kind: datafile.ValueString, Str: []byte("Alice")}})
	w.Write(&datafile.Item{Kind: concept.Entity, ID: []byte("ZQ=="), Label: []byte("person"),
		Owned: [][]byte{[]byte("YQ==")}})
	w.WriteChecksums()
	w.Flush()

	r := datafile.NewReader(&buf, datafile.WithName("social.typedb"))
	for {
		it, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		switch it.Kind {
		case concept.Header:
			fmt.Printf("item %d at byte %d: header %s %s\n", it.Index, it.Offset, it.Header.Version, it.Header.Database)
		case concept.Checksums:
			fmt.Printf("item %d at byte %d: checksums %+v\n", it.Index, it.Offset, it.Checksums)
		default:
			fmt.Printf("item %d at byte %d: %s %s %s owns %d\n", it.Index, it.Offset, it.Kind, it.Label, it.Value.String(), len(it.Owned))
		}
	}
	// Output:
	// item 0 at byte 0: header 2.29.1 social
	// item 1 at byte 19: attribute name "Alice" owns 0
	// item 2 at byte 43: entity person <no value> owns 1
	// item 3 at byte 68: checksums {Entities:1 Attributes:1 Relations:0 Roles:0 Ownerships:1 KeyOwnerships:0}
}

// Inspect summarises a file; WriteText renders the summary.
func ExampleInspect() {
	var buf bytes.Buffer
	w := datafile.NewWriter(&buf)
	w.WriteHeader("1.8.4", "grakn")
	w.Write(&datafile.Item{Kind: concept.Entity, ID: []byte("V4096"), Label: []byte("person"),
		Owned: [][]byte{[]byte("V8192")}}) // V8192 is never written: a dangling ownership
	w.WriteChecksums()
	w.Flush()

	s, err := datafile.Inspect(&buf, datafile.InspectOptions{Name: "people.grakn"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Producer.Generation, s.Checksums.Verified, s.Refs.DanglingOwnerships)
	for _, d := range s.Diagnostics {
		fmt.Println(d)
	}
	_ = s.WriteText(os.Stdout, 5) // the full report; not part of the checked output
	// Output:
	// 1.x true 1
	// people.grakn: item 1 at byte 17: error[data-dangling-ownership]: owned attribute "V8192" is not the id of any item
	// file        people.grakn (52 bytes, 3 items)
	// header      version 1.8.4, database "grakn" (item 0)
	// producer    1.x: header version 1.8.4; 1 of 1 IDs are 1.x vertex IDs (V…)
	// complete    complete: header first, checksums last, not truncated
	//
	// counts                  recount      checksums
	//   entities                    1              1  ok
	//   attributes                  0              0  ok
	//   relations                   0              0  ok
	//   role players                0              0  ok
	//   ownerships                  1              1  ok
	// checksums verified
	//
	// types (1)
	//   entity    person                                      1  owns 1
	//
	// ids         1 vertex, 0 lossy, 0 base64, 0 other; 0 duplicates, 0 missing
	// references  1 dangling ownerships, 0 dangling players, 0 ownerships of non-attributes
	//             0 relation players, 0 attribute players, 0 attributes owning attributes, 0 relations without players
	//
	// importable by (file structure only; the schema is not checked)
	//   1.7.3        no       1 dangling or wrong-kind references
	//   1.8.1–1.8.4  no       1 dangling or wrong-kind references
	//   2.0–2.2      no       1 dangling or wrong-kind references
	//   2.3–2.5      no       1 dangling or wrong-kind references
	//   2.6–2.7      no       1 dangling or wrong-kind references
	//   2.8–2.18     no       1 dangling or wrong-kind references
	//   2.19–2.29    no       1 dangling or wrong-kind references
	//   3.4+         no       1 dangling or wrong-kind references
}
