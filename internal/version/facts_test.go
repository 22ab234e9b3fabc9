package version

import (
	"fmt"
	"testing"
)

// TestFacts pins every version-dependent fact at the boundaries the
// reference gives (export-format.md §5, §6, §8, §10).
func TestFacts(t *testing.T) {
	type row struct {
		v         string
		product   string
		export    bool
		hop       string
		remap     RemapMode
		roles     RoleLookup
		header    bool
		sums      bool
		verified  bool
		ids       IDForm
		withData  bool
		enc       string // "" when not 2.x
		implicit  bool
		skipRisk  bool
		convertTo string
	}
	for _, r := range []row{
		{"1.5.9", "Grakn", false, "1.7.3", RemapNone, RoleGlobal, false, false, true, IDVertex, false, "", true, false, ""},
		{"1.6.2", "Grakn", false, "1.7.3", RemapNone, RoleGlobal, false, false, true, IDVertex, false, "", true, false, ""},
		{"1.7.2", "Grakn", false, "1.7.3", RemapNone, RoleGlobal, false, false, true, IDVertex, false, "", true, false, ""},
		{"1.7.3", "Grakn", true, "", RemapNone, RoleGlobal, false, false, true, IDVertex, false, "", true, false, ""},
		{"1.8.0", "Grakn", false, "1.8.4", RemapNone, RoleGlobal, false, false, true, IDVertex, false, "", false, false, ""},
		{"1.8.1", "Grakn", true, "", RemapGlobal, RoleGlobal, false, false, true, IDVertex, false, "", false, false, ""},
		{"1.8.4", "Grakn", true, "", RemapGlobal, RoleGlobal, false, false, true, IDVertex, false, "", false, false, ""},
		{"2.0.0", "Grakn", true, "", RemapScoped, RoleExact, false, false, false, IDLossy, false, "0", false, false, "2.0"},
		{"2.0.2", "Grakn", true, "", RemapScoped, RoleExact, false, false, false, IDLossy, false, "0", false, false, "2.0"},
		{"2.1.0", "TypeDB", true, "", RemapScoped, RoleExact, false, false, false, IDLossy, false, "0", false, false, "2.0"},
		{"2.2.0", "TypeDB", true, "", RemapScoped, RoleExact, false, false, false, IDLossy, false, "0", false, false, "2.0"},
		{"2.3.0", "TypeDB", true, "", RemapNameOnly, RoleByName, true, true, true, IDBase64, false, "0", false, true, "2.0"},
		{"2.5.0", "TypeDB", true, "", RemapNameOnly, RoleByName, true, true, true, IDBase64, false, "0", false, true, "2.0"},
		{"2.6.0", "TypeDB", true, "", RemapNone, RoleByName, true, true, true, IDBase64, false, "1", false, true, "2.0"},
		{"2.7.1", "TypeDB", true, "", RemapNone, RoleByName, true, true, true, IDBase64, false, "1", false, true, "2.0"},
		{"2.8.0", "TypeDB", true, "", RemapNone, RoleByName, true, true, true, IDBase64, false, "2", false, false, "2.0"},
		{"2.18.0", "TypeDB", true, "", RemapNone, RoleByName, true, true, true, IDBase64, false, "2", false, false, "2.18"},
		{"2.19.0", "TypeDB", true, "", RemapNone, RoleByName, true, true, true, IDBase64, true, "2", false, false, "2.18"},
		{"2.22.0", "TypeDB", true, "", RemapNone, RoleByName, true, true, true, IDBase64, true, "2", false, false, "2.22"},
		{"2.25.7", "TypeDB", true, "", RemapNone, RoleByName, true, true, true, IDBase64, true, "2", false, false, "2.25"},
		{"2.29.1", "TypeDB", true, "", RemapNone, RoleByName, true, true, true, IDBase64, true, "2", false, false, "2.29"},
		{"2.29", "TypeDB", true, "", RemapNone, RoleByName, true, true, true, IDBase64, true, "2", false, false, "2.29"},
		{"3.0.0", "TypeDB", false, "", RemapNone, RoleScopedOnly, false, true, true, IDBase64, true, "", false, false, "3"},
		{"3.3.0", "TypeDB", false, "", RemapNone, RoleScopedOnly, false, true, true, IDBase64, true, "", false, false, "3"},
		{"3.4", "TypeDB", true, "", RemapNone, RoleScopedOnly, false, true, true, IDBase64, true, "", false, false, "3"},
		{"3.x", "TypeDB", true, "", RemapNone, RoleScopedOnly, false, true, true, IDBase64, true, "", false, false, "3"},
	} {
		v := MustParse(r.v)
		hop := ""
		if h, ok := Hop(v); ok {
			hop = h.String()
		}
		enc := ""
		if n, ok := Encoding(v); ok {
			enc = fmt.Sprint(n)
		}
		got := row{r.v, Product(v), HasExport(v), hop, Remap(v), Roles(v), HeaderFirst(v),
			ChecksumsRequired(v), ChecksumsVerified(v), ExportIDs(v), SchemaWithData(v), enc,
			ImplicitRelations(v), SkippedRelationRisk(v), ConvertTarget(v)}
		if got != r {
			t.Errorf("facts for %s:\n got %+v\nwant %+v", r.v, got, r)
		}
	}
}

func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		v              string
		source, target bool // whether a problem is reported
	}{
		{"1.2", true, true},
		{"1.4.0", true, true},
		{"1.5.0", false, true},
		{"1.7.3", false, true},
		{"1.8.0", false, true},
		{"1.8.4", false, false},
		{"2.0.0", false, false},
		{"3.0", true, true},
		{"3.3.0", true, true},
		{"3.4.0", false, false},
		{"3.x", false, false},
	} {
		v := MustParse(tc.v)
		if got := SourceProblem(v) != ""; got != tc.source {
			t.Errorf("SourceProblem(%s) = %q, want problem: %v", tc.v, SourceProblem(v), tc.source)
		}
		if got := TargetProblem(v) != ""; got != tc.target {
			t.Errorf("TargetProblem(%s) = %q, want problem: %v", tc.v, TargetProblem(v), tc.target)
		}
	}
}

func TestVaries(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"1.8", true}, // 1.8.0 has no export, 1.8.1+ has
		{"1.7", true}, // 1.7.0–1.7.2 have none
		{"2.29", false}, {"2.0", false}, {"1.8.4", false},
		{"3.x", true}, // 3.0–3.3 have none
	} {
		if got := Varies(MustParse(tc.v), HasExport); got != tc.want {
			t.Errorf("Varies(%s, HasExport) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestDirectoryCompatible(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		want     bool
	}{
		{"1.5.9", "1.7.3", true},
		{"1.6.2", "1.7.3", true},
		{"1.7.3", "1.8.4", false},
		{"1.8.0", "1.8.4", true},
		{"2.0.2", "2.5.0", true},
		{"2.4.0", "2.8.0", false},
		{"2.6.0", "2.7.1", true},
		{"2.12.0", "2.29.1", true},
		{"2.29.1", "2.12.0", false},
		{"2.29.1", "3.x", false},
		{"1.4.0", "1.7.3", false},
	} {
		if got := DirectoryCompatible(MustParse(tc.from), MustParse(tc.to)); got != tc.want {
			t.Errorf("DirectoryCompatible(%s, %s) = %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestMiscFacts(t *testing.T) {
	if got := StringMaxBytes(MustParse("2.0.2")); got != 65535 {
		t.Errorf("StringMaxBytes(2.0.2) = %d", got)
	}
	if StringMaxBytes(MustParse("1.8.4")) != 0 || StringMaxBytes(MustParse("3.x")) != 0 {
		t.Error("StringMaxBytes claims a limit outside 2.x")
	}
	if !SkippedRelationsLoseOwnerships(MustParse("2.6.2")) || SkippedRelationsLoseOwnerships(MustParse("2.6.3")) {
		t.Error("ownership loss of skipped relations must end at 2.6.3")
	}
	if !ServerResolvesPath(MustParse("2.6.2")) || ServerResolvesPath(MustParse("2.6.3")) || ServerResolvesPath(MustParse("1.8.4")) {
		t.Error("server-side path resolution must cover 2.0–2.6.2 only")
	}
	if AttributesOwnAttributes(MustParse("3.4")) || !AttributesOwnAttributes(MustParse("2.29")) || AttributesPlayRoles(MustParse("3.x")) {
		t.Error("attribute ownership/players must end at 3.x")
	}
	if DataExt(MustParse("2.0.2")) != ".grakn" || DataExt(MustParse("2.1")) != ".typedb" || SchemaExt(MustParse("1.8")) != ".gql" {
		t.Error("file extensions are wrong")
	}
	if DataDir(MustParse("1.6")) != "server/db/" || DataDir(MustParse("2.4")) != "server/data/" || DataDir(MustParse("3.x")) != "" {
		t.Error("data directories are wrong")
	}
	if Binary(MustParse("2.0.2")) != "grakn" || Binary(MustParse("2.1.0")) != "typedb" {
		t.Error("binary names are wrong")
	}
	if ScopedRolesInExport(MustParse("1.8.4")) || !ScopedRolesInExport(MustParse("2.0")) {
		t.Error("scoped roles in exports start at 2.0")
	}
	if s := RemapScoped.String(); s != "scoped" {
		t.Errorf("RemapScoped.String() = %q", s)
	}
}

func TestKeyableAndUnique(t *testing.T) {
	for _, tc := range []struct {
		v, vt  string
		key    bool
		unique bool // HasUnique(v)
	}{
		{"2.0", "long", true, false},
		{"2.17.0", "boolean", false, false},
		{"2.17", "string", true, false},
		{"2.18.0", "boolean", true, true},
		{"2.18", "double", false, true},
		{"2.29.1", "datetime", true, true},
		{"2.29", "double", false, true},
		{"3.x", "long", false, true},
		{"1.8", "string", false, false},
	} {
		v := MustParse(tc.v)
		if got := Keyable(v, tc.vt); got != tc.key {
			t.Errorf("Keyable(%s, %s) = %v, want %v", tc.v, tc.vt, got, tc.key)
		}
		if got := HasUnique(v); got != tc.unique {
			t.Errorf("HasUnique(%s) = %v, want %v", tc.v, got, tc.unique)
		}
	}
}
