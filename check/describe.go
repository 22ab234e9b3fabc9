package check

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/remap"
)

// wording is how a check's findings read. Below, each check has its
// describe function, in registry order, beside the named cases of its
// groups. A describe function fills G's Label, Message and Remedy (and
// edit/fallback for a schema change) from the group key; G already has
// the check, severity, count, examples and any suggested remap.
type wording struct {
	describe func(f *front, k groupKey, G *Group)
	// caseSeverity, when set, gives the severity of the cases of the
	// check that are weaker than its level (ok false for the others).
	caseSeverity func(f *front, k groupKey) (sev diag.Severity, ok bool)
}

// wordings holds every check's wording, by check id.
var wordings = [numChecks]wording{
	ckRemap:           {describe: describeRemap, caseSeverity: remapSeverity},
	ckHeader:          {describe: describeHeader, caseSeverity: headerSeverity},
	ckChecksums:       {describe: describeChecksums, caseSeverity: checksumsSeverity},
	ckMalformed:       {describe: describeMalformed},
	ckMissingID:       {describe: describeMissingID},
	ckUnknownLabel:    {describe: describeUnknownLabel},
	ckLabelKind:       {describe: describeLabelKind},
	ckAbstract:        {describe: describeAbstract},
	ckUnknownRole:     {describe: describeUnknownRole},
	ckRoleUnrelated:   {describe: describeRoleUnrelated},
	ckValueKind:       {describe: describeValueKind},
	ckRegex:           {describe: describeRegex, caseSeverity: regexSeverity},
	ckOwnership:       {describe: describeOwnership},
	ckKeyCount:        {describe: describeKeyCount},
	ckKeyUnique:       {describe: describeTaken},
	ckUnique:          {describe: describeTaken},
	ckPlays:           {describe: describePlays},
	ckNoPlayers:       {describe: describeNoPlayers},
	ckAttributeOwns:   {describe: describeAttributeOwns},
	ckAttributePlayer: {describe: describeAttributePlayer},
	ckDuplicateID:     {describe: describeDuplicateID},
	ckDangling:        {describe: describeDangling},
	ckRefKind:         {describe: describeRefKind},
	ckNestedRelation:  {describe: describeNestedRelation},
	ckInvalidUTF8:     {describe: describeInvalidUTF8},
	ckStringSize:      {describe: describeStringSize},
	ckCardinality:     {describe: describeCardinality},
	ckValueConstraint: {describe: describeValueConstraint},
}

// Cases of remap groups; nth is the remap entry.
const (
	remapUnmatched   variant = iota // the entry's old label matches no item or role
	remapNotInSchema                // the entry's new label is not in the schema
	remapNotAtImport                // the target has no import-time remap
	remapImportArgs                 // info: the remap applies as import arguments
)

func describeRemap(f *front, k groupKey, G *Group) {
	t := f.v.target
	switch k.sub {
	case remapUnmatched:
		e := f.remap.Entries[k.nth]
		G.Label = e.Old
		G.Message = fmt.Sprintf("remap %s matches no item or role label in the data", e)
		G.Remedy = "drop the entry, or check the spelling of " + fmt.Sprintf("%q", e.Old)
	case remapNotInSchema:
		e := f.remap.Entries[k.nth]
		G.Label = e.Old
		G.Message = fmt.Sprintf("remap %s: %q is not a type or role of the schema", e, e.New)
		G.Remedy = "remap to a label the schema defines"
	case remapNotAtImport:
		G.Label = "remap"
		G.Message = fmt.Sprintf("%s %s has no import-time remap: the check applied the remap as if the file were rewritten with it", version.Product(t), t)
		G.Remedy = "rewrite the data file with the remap before importing (tqlmig rewrite-data --remap REMAP DATA -o OUT)"
	case remapImportArgs:
		G.Label = "remap"
		var args []string
		for _, e := range f.remap.Entries {
			if f.remapUsed[e.Old] {
				args = append(args, e.String())
			}
		}
		G.Message = fmt.Sprintf("the remap applies as import arguments on %s %s: %s", version.Product(t), t, strings.Join(args, " "))
	}
}

// remapSeverity: the import arguments are a note, whatever the level.
func remapSeverity(_ *front, k groupKey) (diag.Severity, bool) {
	return diag.Info, k.sub == remapImportArgs
}

// Cases of header groups.
const (
	headerMissing variant = iota
	headerNotFirst
	headerRepeated
)

func describeHeader(f *front, k groupKey, G *Group) {
	t := f.v.target
	G.Label = "header"
	switch k.sub {
	case headerMissing:
		G.Message = "the file has no header item"
		G.Remedy = fmt.Sprintf("%s %s needs a header as the first item: rewrite the file with one", version.Product(t), t)
	case headerNotFirst:
		G.Message = "the header is not the first item"
		G.Remedy = "rewrite the file with the header first"
	case headerRepeated:
		G.Message = "more than one header item"
	}
}

// headerSeverity: a repeated header is a warning, whatever the level.
func headerSeverity(_ *front, k groupKey) (diag.Severity, bool) {
	return diag.Warning, k.sub == headerRepeated
}

// Cases of checksums groups: the item is missing, repeated, not last, or
// one of its five counts disagrees with the items (checksumsEntities on,
// in the order of the item's counts).
const (
	checksumsMissing variant = iota
	checksumsRepeated
	checksumsNotLast
	checksumsEntities
	checksumsAttributes
	checksumsRelations
	checksumsRoles
	checksumsOwnerships
)

// checksumsCounted names the counts of checksumsEntities…checksumsOwnerships.
var checksumsCounted = [...]string{"entity", "attribute", "relation", "role player", "ownership"}

func describeChecksums(f *front, k groupKey, G *Group) {
	t := f.v.target
	G.Label = "checksums"
	switch k.sub {
	case checksumsMissing:
		G.Message = "the file has no checksums item"
		G.Remedy = fmt.Sprintf("%s %s needs one: rewrite the file with the recounted checksums", version.Product(t), t)
	case checksumsRepeated:
		G.Message = "more than one checksums item"
		G.Remedy = "keep one checksums item"
	case checksumsNotLast:
		G.Message = "items after the checksums item, which exporters write last"
		G.Remedy = "the file was joined to another or damaged: export it again"
	default:
		name := checksumsCounted[k.sub-checksumsEntities]
		G.Label = name + " count"
		G.Message = fmt.Sprintf("the checksums item's %s count disagrees with the items", name)
		G.Remedy = "the file is incomplete or was edited: export it again, or rewrite it with recounted checksums"
	}
}

// checksumsSeverity: a repeated checksums item is a warning except on
// 3.x, and items after it are one on every target (see the check's Doc).
func checksumsSeverity(f *front, k groupKey) (diag.Severity, bool) {
	return diag.Warning, k.sub == checksumsRepeated && !is3x(f.v.target) || k.sub == checksumsNotLast
}

// Cases of malformed-item groups: an item holding nothing, or the
// reader's code for an item that does not decode.
const (
	malformedEmpty     variant = iota // no attribute, entity, relation, header or checksums
	malformedUndecoded                // datafile.CodeMalformed
	malformedTruncated                // datafile.CodeTruncated
	malformedBadLength                // datafile.CodeBadLength
	malformedTooLarge                 // datafile.CodeTooLarge
	malformedOtherCode                // a reader code not listed above
)

// malformedCase is the case of the reader's diagnostic code.
func malformedCase(code string) variant {
	switch code {
	case datafile.CodeMalformed:
		return malformedUndecoded
	case datafile.CodeTruncated:
		return malformedTruncated
	case datafile.CodeBadLength:
		return malformedBadLength
	case datafile.CodeTooLarge:
		return malformedTooLarge
	}
	return malformedOtherCode
}

func describeMalformed(_ *front, k groupKey, G *Group) {
	G.Label = "item"
	switch k.sub {
	case malformedEmpty:
		G.Message = "items hold no attribute, entity, relation, header or checksums"
	case malformedTruncated, malformedBadLength, malformedTooLarge:
		G.Message = "the file ends inside an item or its length prefix is corrupt"
		G.Remedy = "the export was cut short: export it again"
	default:
		G.Message = "items do not decode"
		G.Remedy = "the file is corrupt: export it again"
	}
}

func describeMissingID(f *front, k groupKey, G *Group) {
	le := f.labelAt(k.label)
	G.Label = le.file
	G.Message = fmt.Sprintf("%s items of %q have no id", le.kind, le.file)
	G.Remedy = "every thing item needs a unique id: export the data again"
}

func describeUnknownLabel(f *front, k groupKey, G *Group) {
	le := f.labelAt(k.label)
	G.Label = le.file
	if le.status == lsOverflow {
		G.Message = fmt.Sprintf("%s items with labels beyond the %d distinct labels tracked", le.kind, maxLabel)
		return
	}
	G.Message = fmt.Sprintf("%s label %q%s is not a type of the schema", le.kind, le.mapped, remappedFrom(le.file, le.mapped))
	if G.Remap != "" {
		G.Remedy = "add the remap " + G.Remap
	} else {
		G.Remedy = fmt.Sprintf("define %q as %s type in the schema, or remap it to one", le.mapped, article(le.kind))
	}
}

func describeLabelKind(f *front, k groupKey, G *Group) {
	le := f.labelAt(k.label)
	G.Label = le.file
	G.Message = fmt.Sprintf("%s items labelled %q%s, which is %s type", le.kind, le.mapped, remappedFrom(le.file, le.mapped), f.kindName(le.found))
	G.Remedy = fmt.Sprintf("remap %q to %s type", le.file, article(le.kind))
}

func describeAbstract(f *front, k groupKey, G *Group) {
	le := f.labelAt(k.label)
	G.Label = le.file
	G.Message = fmt.Sprintf("items of abstract %s type %q%s", le.kind, le.mapped, remappedFrom(le.file, le.mapped))
	G.Remedy = fmt.Sprintf("make %q concrete (drop \"abstract\" from its definition)", le.mapped)
	G.edit = fmt.Sprintf("undefine %s abstract;", le.mapped)
	G.fallback = "remove these items from the file, or remap them to a concrete type"
	if sub := f.concreteSubtype(le.typ); sub != "" {
		G.Remedy += fmt.Sprintf(", or remap its items to a concrete subtype: %s=%s", le.file, sub)
		G.fallback = fmt.Sprintf("remap its items to a concrete subtype: %s=%s", le.file, sub)
	}
}

func describeUnknownRole(f *front, k groupKey, G *Group) {
	re := f.roleAt(k.role)
	rel := f.labelAt(labelIdx(re.rel))
	G.Label = re.file + " in " + rel.file
	G.Message = f.unknownRoleMessage(re, rel)
	switch {
	case G.Remap != "":
		G.Remedy = "add the remap " + G.Remap
	case f.v.roles == version.RoleScopedOnly && !strings.Contains(re.mapped, ":"):
		G.Remedy = "rewrite the file with role labels scoped by their declaring relation (relation:role)"
	default:
		G.Remedy = fmt.Sprintf("add the role to %q in the schema, or remap %q to one of its roles", rel.mapped, re.file)
	}
}

func (f *front) unknownRoleMessage(re *roleEntry, rel *labelEntry) string {
	from := remappedFrom(re.file, re.mapped)
	switch f.v.roles {
	case version.RoleGlobal:
		if strings.Contains(re.mapped, ":") {
			return fmt.Sprintf("role label %q%s is scoped; Grakn 1.8 looks roles up by their global, unscoped label", re.mapped, from)
		}
		return fmt.Sprintf("role %q%s is not a role of the schema", re.mapped, from)
	case version.RoleExact:
		return fmt.Sprintf("role label %q%s is not the scoped name of a role of %q (TypeDB 2.0–2.2 need relation:role exactly)", re.mapped, from, rel.mapped)
	case version.RoleByName:
		_, name := remap.SplitScoped(re.mapped)
		return fmt.Sprintf("relation type %q has no role named %q%s", rel.mapped, name, from)
	}
	if !strings.Contains(re.mapped, ":") {
		return fmt.Sprintf("role label %q%s is unscoped; TypeDB 3.x needs relation:role", re.mapped, from)
	}
	return fmt.Sprintf("role %q%s is not a role of the schema", re.mapped, from)
}

func describeRoleUnrelated(f *front, k groupKey, G *Group) {
	re := f.roleAt(k.role)
	rel := f.labelAt(labelIdx(re.rel))
	G.Label = re.file + " in " + rel.file
	G.Message = fmt.Sprintf("relation type %q does not relate role %q", rel.mapped, f.typeKey(typeIdx(re.typ)))
	G.Remedy = fmt.Sprintf("add \"%s relates %s;\" to the schema, or remap %q to a role of %q", rel.mapped, f.v.types[re.typ].t.Label, re.file, rel.mapped)
}

func describeValueKind(f *front, k groupKey, G *Group) {
	le := f.labelAt(k.label)
	G.Label = le.file
	vk := k.value
	vt := f.v.types[le.typ].vt
	switch {
	case vk == datafile.ValueNone:
		G.Message = fmt.Sprintf("attributes of %q have no value", le.mapped)
		G.Remedy = "export the data again; every attribute item needs a value"
	case vt == "":
		G.Message = fmt.Sprintf("attributes of %q hold %s values, but the type has no value type", le.mapped, vk)
		G.Remedy = fmt.Sprintf("give %q a value type in the schema", le.mapped)
	case vk.Is3x() && f.v.target.Major != 3:
		G.Message = fmt.Sprintf("attributes of %q hold %s values, which only TypeDB 3.x has", le.mapped, vk)
		G.Remedy = "import this file into TypeDB 3.x"
	default:
		word := valueWord(vk)
		if f.v.target.Major == 3 {
			// The model spells 3.x's integer as 2.x's long.
			word, vt = integer3(word), integer3(vt)
		}
		G.Message = fmt.Sprintf("attributes of %q hold %s values; its value type is %s", le.mapped, word, vt)
		G.Remedy = fmt.Sprintf("declare %q with value %s, or remap these items to an attribute type of that value type", le.mapped, word)
	}
}

// integer3 is the 3.x name of a value type named as in 2.x.
func integer3(vt string) string {
	if vt == "long" {
		return "integer"
	}
	return vt
}

// Cases of regex groups; nth is the regex among those of the label's type.
const (
	regexMismatch  variant = iota // values that do not match
	regexUnchecked                // values Go's regexp cannot judge as Java would
)

func describeRegex(f *front, k groupKey, G *Group) {
	le := f.labelAt(k.label)
	G.Label = le.file
	rx := f.v.types[le.typ].regexes[k.nth]
	if k.sub == regexUnchecked {
		why := rx.why
		if why == "" {
			why = rx.valueWhy()
		}
		G.Message = fmt.Sprintf("values of %q not checked against regex %q of %q: %s", le.mapped, rx.src, rx.owner, why)
		G.Remedy = "check these values with a Java regex engine before importing"
		if rx.rust {
			G.Remedy = "check these values with the Rust regex crate before importing"
		}
		return
	}
	G.Message = fmt.Sprintf("values of %q do not match regex %q of %q", le.mapped, rx.src, rx.owner)
	if rx.rust {
		G.Message = fmt.Sprintf("values of %q hold no match of regex %q of %q (TypeDB 3.x looks for one anywhere in the value)", le.mapped, rx.src, rx.owner)
	}
	G.Remedy = fmt.Sprintf("fix the values, or relax the regex of %q", rx.owner)
}

// regexSeverity: values tqlmig cannot judge are a warning, not a failure.
func regexSeverity(_ *front, k groupKey) (diag.Severity, bool) {
	return diag.Warning, k.sub == regexUnchecked
}

func describeOwnership(f *front, k groupKey, G *Group) {
	G.Label = f.typeKey(k.owner) + " owns " + f.typeKey(k.member)
	G.Message = fmt.Sprintf("%q owns %q, which the schema does not allow", f.typeKey(k.owner), f.typeKey(k.member))
	G.Remedy = fmt.Sprintf("add %q to the schema", f.v.ownsLine(int32(k.owner), int32(k.member), false))
	G.edit = "define " + f.v.ownsLine(int32(k.owner), int32(k.member), false)
	G.fallback = "remove these ownerships from the file"
}

// Cases of key-count groups.
const (
	keyMissing variant = iota // owners without the key
	keyOver                   // owners with two keys of one type or more
)

// keyCase is the case of an owner with n keys of one key type (n != 1).
func keyCase(n uint64) variant {
	if n == 0 {
		return keyMissing
	}
	return keyOver
}

func describeKeyCount(f *front, k groupKey, G *Group) {
	G.Label = f.typeKey(k.owner) + " key " + f.typeKey(k.member)
	switch k.sub {
	case keyMissing:
		G.Message = fmt.Sprintf("%q owners without their %q key", f.typeKey(k.owner), f.typeKey(k.member))
	default:
		G.Message = fmt.Sprintf("%q owners with more than one %q key", f.typeKey(k.owner), f.typeKey(k.member))
	}
	G.Remedy = fmt.Sprintf("give each owner exactly one key, or drop the key: %q", f.v.ownsLine(int32(k.owner), int32(k.member), false))
}

// describeTaken describes key-unique and unique, which differ in the
// constraint's name only.
func describeTaken(f *front, k groupKey, G *Group) {
	what := "key"
	if k.ck == ckUnique {
		what = "@unique"
	}
	G.Label = f.typeKey(k.owner) + " " + strings.TrimPrefix(what, "@") + " " + f.typeKey(k.member)
	G.Message = fmt.Sprintf("%s values of %q shared by two %q owners", what, f.typeKey(k.member), f.typeKey(k.owner))
	G.Remedy = fmt.Sprintf("make the values distinct, or drop the constraint: %q", f.v.ownsLine(int32(k.owner), int32(k.member), false))
}

func describePlays(f *front, k groupKey, G *Group) {
	G.Label = f.typeKey(k.owner) + " plays " + f.typeKey(k.member)
	G.Message = fmt.Sprintf("%q plays %q, which the schema does not allow", f.typeKey(k.owner), f.typeKey(k.member))
	G.Remedy = fmt.Sprintf("add %q to the schema", f.v.playsLine(int32(k.owner), int32(k.member)))
	G.edit = "define " + f.v.playsLine(int32(k.owner), int32(k.member))
	G.fallback = "remove these role players from the file"
}

func describeNoPlayers(f *front, k groupKey, G *Group) {
	le := f.labelAt(k.label)
	G.Label = le.file
	G.Message = fmt.Sprintf("relations of %q without role players", le.mapped)
	G.Remedy = "drop these relations from the file, or give them players"
}

func describeAttributeOwns(f *front, k groupKey, G *Group) {
	le := f.labelAt(k.label)
	G.Label = le.file
	G.Message = fmt.Sprintf("attributes of %q own attributes, which TypeDB 3.x refuses", le.mapped)
	G.Remedy = "rewrite the file without these ownerships (3.x attributes cannot own attributes): tqlmig rewrite-data --drop-attribute-ownerships"
}

func describeAttributePlayer(f *front, k groupKey, G *Group) {
	re := f.roleAt(k.role)
	rel := f.labelAt(labelIdx(re.rel))
	G.Label = re.file + " in " + rel.file
	G.Message = fmt.Sprintf("attributes play role %q in %q, which TypeDB 3.x cannot import", re.file, rel.file)
	G.Remedy = "rewrite the file without attribute role players (3.x attributes cannot play roles): tqlmig rewrite-data --drop-attribute-players"
}

// Cases of duplicate-id groups: the repeated ids, and the references
// that rebind to one of the items.
const (
	dupRepeated  variant = iota // items that repeat an earlier item's id
	rebindOwned                 // ownerships of items with a repeated id
	rebindPlayer                // role players that are items with a repeated id
)

func describeDuplicateID(f *front, k groupKey, G *Group) {
	t := f.v.target
	le := f.labelAt(k.label)
	G.Label = le.file
	switch k.sub {
	case rebindOwned, rebindPlayer:
		what := "ownerships of"
		if k.sub == rebindPlayer {
			what = "role players that are"
			G.Label += " as player"
		} else {
			G.Label += " as owned"
		}
		G.Message = fmt.Sprintf("%s %s items of %q with a repeated id rebind: %s %s maps the id to one of the items, so these references reach it whichever was meant", what, le.kind, le.file, version.Product(t), t)
		G.Remedy = "check the merged items after the import, or give each item its own id before importing"
	default:
		G.Message = fmt.Sprintf("%s items of %q repeat an id an earlier item has; the import goes through and merges the references to both", le.kind, le.file)
		G.Remedy = "ids should be unique: export the data again (2.0–2.2 exports can collide; 2.3+ Base64 ids do not)"
	}
}

// Cases of dangling-ref groups; the label is the owner's or the relation's.
const (
	danglingOwned  variant = iota // owned attribute ids no item has
	danglingPlayer                // role player ids no item has
)

func describeDangling(f *front, k groupKey, G *Group) {
	le := f.labelAt(k.label)
	G.Label = le.file
	if k.sub == danglingPlayer {
		G.Message = fmt.Sprintf("relations of %q have role players whose ids no item has", le.file)
	} else {
		G.Message = fmt.Sprintf("%s items of %q own attribute ids no item has", le.kind, le.file)
	}
	G.Remedy = "the file is incomplete: export it again"
}

func describeRefKind(f *front, k groupKey, G *Group) {
	le := f.labelAt(k.label)
	G.Label = le.file
	G.Message = fmt.Sprintf("%s items of %q own the ids of %s items", le.kind, le.file, k.ref)
	G.Remedy = "an owned id must be an attribute's: the file is corrupt"
}

func describeNestedRelation(f *front, k groupKey, G *Group) {
	t := f.v.target
	le := f.labelAt(k.label)
	G.Label = le.file
	G.Message = fmt.Sprintf("relations of %q have relations as role players, which %s %s imports as skipped relations", le.file, version.Product(t), t)
	G.Remedy = "import into TypeDB 2.8 or later, where nested relations import correctly"
}

func describeInvalidUTF8(f *front, k groupKey, G *Group) {
	le := f.labelAt(k.label)
	G.Label = le.file
	G.Message = fmt.Sprintf("%s items of %q hold a string that is not valid UTF-8 (id, label, value or reference), which no importer reads", le.kind, le.file)
	G.Remedy = "the file is corrupt or was edited: export it again"
}

func describeStringSize(f *front, k groupKey, G *Group) {
	t := f.v.target
	le := f.labelAt(k.label)
	G.Label = le.file
	G.Message = fmt.Sprintf("string values of %q are longer than the %d bytes %s %s stores", le.file, version.StringMaxBytes(t), version.Product(t), t)
	G.Remedy = "shorten the values before exporting, or keep them out of this attribute type"
}

func (f *front) labelAt(i labelIdx) *labelEntry { return &f.labels[i] }

func (f *front) roleAt(i roleIdx) *roleEntry { return &f.roles[i] }

func (f *front) typeKey(i typeIdx) string { return f.v.types[i].key }

// remappedFrom notes the label as the file writes it, when the remap
// changed it.
func remappedFrom(file, mapped string) string {
	if mapped != file {
		return fmt.Sprintf(" (remapped from %q)", file)
	}
	return ""
}

func describeCardinality(f *front, k groupKey, G *Group) {
	owner, member := f.typeKey(k.owner), f.typeKey(k.member)
	t := f.v.types[k.owner]
	more := "more"
	if k.sub == cardBelow {
		more = "fewer"
	}
	if f.v.types[k.member].role {
		bd := t.roleBoundOf(int32(k.member))
		G.Label = owner + " relates " + member
		G.Message = fmt.Sprintf("relations of %q with %s players of %q than its %s allows: TypeDB 3.x fails at the end of the import", owner, more, member, bd)
		rel := relationOf(member)
		G.Remedy = fmt.Sprintf("widen the bound in the schema (\"redefine %s relates %s @card(0..);\"), or fix the data", rel, strings.TrimPrefix(member, rel+":"))
		return
	}
	bd := t.ownsBound(int32(k.member))
	G.Label = owner + " owns " + member
	G.Message = fmt.Sprintf("owners of type %q with %s %q attributes than its %s allows: TypeDB 3.x fails at the end of the import", owner, more, member, bd)
	G.Remedy = fmt.Sprintf("widen the bound in the schema (\"redefine %s owns %s @card(0..);\" on the type that declares the ownership), or fix the data", owner, member)
}

// relationOf is the relation part of a scoped role label.
func relationOf(role string) string {
	rel, _, _ := strings.Cut(role, ":")
	return rel
}

func describeValueConstraint(f *front, k groupKey, G *Group) {
	le := f.labelAt(k.label)
	G.Label = le.file
	c := f.v.types[le.typ].cons[k.nth]
	G.Message = fmt.Sprintf("values of %q outside %s of %q: TypeDB 3.x refuses these attributes", le.mapped, c.src, c.owner)
	G.Remedy = fmt.Sprintf("fix the values, or widen %s of %q in the schema", c.src, c.owner)
}
