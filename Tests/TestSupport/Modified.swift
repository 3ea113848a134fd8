/// `value` after `change`: builds a value type field by field in one expression, for
/// types whose only initializer gives every field its default.
public func modified<Value>(_ value: Value, _ change: (inout Value) -> Void) -> Value {
    var copy = value
    change(&copy)
    return copy
}
