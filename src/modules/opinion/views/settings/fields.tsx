// A list of checkboxes in one fieldset: each box has its own id (f-<name>-<value>); the fieldset is
// f-<name>, so the error summary's link lands on the group.
export function CheckboxList({ name, legend, options, checked, error, empty }: {
  name: string; legend: string; options: { value: string; label: string }[]; checked: ReadonlySet<string>; error?: string; empty?: string;
}) {
  return (
    <fieldset id={`f-${name}`} aria-describedby={error ? `f-${name}-error` : undefined}>
      <legend>{legend}</legend>
      {error && <p class="error-message" id={`f-${name}-error`}>{error}</p>}
      {options.length === 0 && empty ? <p>{empty}</p> : (
        <div class="checkbox-columns">
          {options.map((o) => (
            <div class="field field-checkbox">
              <input type="checkbox" id={`f-${name}-${o.value}`} name={name} value={o.value} checked={checked.has(o.value)} />
              <label for={`f-${name}-${o.value}`}>{o.label}</label>
            </div>
          ))}
        </div>
      )}
    </fieldset>
  );
}
