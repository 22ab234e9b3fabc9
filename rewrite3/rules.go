package rewrite3

// registry lists the rules in the order they run. Labels first (renames
// are applied at once, and the model rebuilt, so every later rule sees the
// new labels), then the type statements, capabilities and cardinalities,
// then rules, which print patterns with the final labels.
var registry = []*Rule{
	reservedLabels,
	relabel,

	rootToKind,
	longToInteger,
	abstractAnnotation,
	abstractUnderConcrete,
	regexAnnotation,
	attributeCapabilities,
	overrideRemoved,
	playsDeclaringScope,
	ownsCardinality,
	relatesCardinality,
	inheritedCapability,
	inheritedValueType,

	rulesToFunctions,
	undefineApplied,
	targetChecks3,
}
