package rewrite

// registry lists the rules in the order they run. Dialect normalisation
// comes first, then value types, ownership, roles, rules, and last the
// relabelling that applies every rename decided on the way.
//
// Add a rule to its section only; the order inside a section matters where
// a comment says so.
var registry = []*Rule{
	// A. Dialect normalisation (reference rules 1–8). quoted-label
	// unquotes every label first, so that everything after it sees one
	// spelling of each label.
	quotedLabels,
	relationshipToRelation,
	isAbstractToAbstract,
	missingCommas,
	labelToType,
	slashRegex,
	legacyStringEscapes,
	legacyValueOps,
	supertypeRedefined,

	// B. Value types (9–10).
	datatypeToValue,
	dateToDatetime,

	// C. Types, ownership, keys (11–18). Ownerships first (has, key), then
	// the attribute hierarchy: value types settle which types stay, which
	// decides which become abstract, which decides whose ownerships move;
	// redundancy is judged last, on the result.
	rootKinds,
	hasToOwns,
	keyToOwnsKey,
	attributeValueTypes,
	abstractAttributeSupertypes,
	abstractAttributeOwners,
	keysFromData,
	redundantInherited,
	regexOnString,
	regexFromData,

	// D. Roles: scoping, hierarchies, inheritance (19–23).
	// role-declarations first: the rest read the role plan, not the tree.
	roleDeclarations,
	relatesInheritance,
	playsScoped,
	rolePatterns,

	// E. Implicit types, labels, keywords (24–27; 26 is quoted-label).
	implicitTypes,
	reservedLabels,
	variableNames,

	// F. Rules (28–38).
	// rule-header first: the others work on 2.x rule statements.
	// then-shape before the then rules, then-typing last.
	ruleHeader,
	whenPatterns,
	conceptInequality,
	valueInequality,
	valueEquality,
	thenShape,
	thenRelation,
	thenHasVariable,
	thenVariables,
	thenTyping,

	// G. File level (39–41); rule 39 (one define) and 40 (side queries)
	// are done by Convert itself.
	undefineBlocks,
	defineInstances,

	// Last: apply every rename decided above to every reference, then
	// check the result as the target would.
	relabel,
	targetChecks,
}

// modelAt is the rule before which Convert takes the snapshot Pass.Model
// returns: the first of section C that changes 1.x syntax into 2.x, so
// that the model sees the input's 1.x meaning with the dialect normalised
// and the roots fixed (root-kinds), and nothing else changed.
var modelAt = hasToOwns

// Rules returns the rules in the order they run.
func Rules() []*Rule { return registry }

// Lookup returns the rule with the given name, or nil.
func Lookup(name string) *Rule {
	for _, r := range registry {
		if r.Name == name {
			return r
		}
	}
	return nil
}
