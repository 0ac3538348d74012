//! A small JSON-schema (draft-04) checker for the SARIF test of
//! `tests/export.rs`: enough of the standard for the SARIF 2.1.0 schema,
//! without a dependency.

/// The errors of `value` against a JSON schema (draft-04), as paths and
/// problems. Checks the keywords the SARIF schema uses: `$ref`, `type`,
/// `properties`, `additionalProperties`, `required`, `items`, `enum`,
/// `minimum`, `maximum`, `minItems`, `uniqueItems`, `anyOf`, `oneOf`. It
/// does not check `pattern` and `format` (no regular expressions here),
/// which constrain only GUIDs, MIME types, URIs and dates: fields the
/// output does not write, except the URIs tested on their own.
pub fn schema_errors(
    root: &serde_json::Value,
    schema: &serde_json::Value,
    value: &serde_json::Value,
    path: &str,
    errors: &mut Vec<String>,
) {
    use serde_json::Value;
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/definitions/").expect("local $ref");
        return schema_errors(root, &root["definitions"][name], value, path, errors);
    }
    let type_ok = |t: &str| match t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        other => panic!("type {other} unknown"),
    };
    match schema.get("type") {
        Some(Value::String(t)) if !type_ok(t) => {
            errors.push(format!("{path}: not of type {t}: {value}"));
            return;
        }
        Some(Value::Array(ts)) if !ts.iter().any(|t| type_ok(t.as_str().unwrap())) => {
            errors.push(format!("{path}: not of types {ts:?}"));
            return;
        }
        _ => {}
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        errors.push(format!("{path}: {value} not one of {options:?}"));
    }
    if let Some(n) = value.as_f64() {
        if schema
            .get("minimum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n < m)
        {
            errors.push(format!("{path}: {n} below the minimum"));
        }
        if schema
            .get("maximum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n > m)
        {
            errors.push(format!("{path}: {n} above the maximum"));
        }
    }
    if let Some(map) = value.as_object() {
        for key in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !map.contains_key(key.as_str().unwrap()) {
                errors.push(format!("{path}: lacks required {key}"));
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (key, v) in map {
            let sub = format!("{path}/{key}");
            match props.and_then(|p| p.get(key)) {
                Some(s) => schema_errors(root, s, v, &sub, errors),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => errors.push(format!("{sub}: not allowed")),
                    Some(s @ Value::Object(_)) => schema_errors(root, s, v, &sub, errors),
                    _ => {}
                },
            }
        }
    }
    if let Some(items) = value.as_array() {
        let min = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0);
        if (items.len() as u64) < min {
            errors.push(format!("{path}: fewer than {min} items"));
        }
        if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
            for (i, a) in items.iter().enumerate() {
                if items[..i].contains(a) {
                    errors.push(format!("{path}/{i}: repeats an item"));
                }
            }
        }
        if let Some(s) = schema.get("items") {
            for (i, v) in items.iter().enumerate() {
                schema_errors(root, s, v, &format!("{path}/{i}"), errors);
            }
        }
    }
    for (keyword, wanted) in [("anyOf", 1..=usize::MAX), ("oneOf", 1..=1)] {
        if let Some(options) = schema.get(keyword).and_then(Value::as_array) {
            let passing = options
                .iter()
                .filter(|s| {
                    let mut e = Vec::new();
                    schema_errors(root, s, value, path, &mut e);
                    e.is_empty()
                })
                .count();
            if !wanted.contains(&passing) {
                errors.push(format!("{path}: {passing} of the {keyword} options match"));
            }
        }
    }
}
