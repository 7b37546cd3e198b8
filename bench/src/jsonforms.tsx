// JSON Forms 3.8 with its vanilla renderers: the other schema-driven reference.
import type { JsonSchema } from '@jsonforms/core';
import { JsonForms } from '@jsonforms/react';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';
import { useState } from 'react';
import { KYC_SCHEMA } from './jsonSchema';

const schema = KYC_SCHEMA as unknown as JsonSchema;

export function App() {
  const [data, setData] = useState<unknown>({});
  const [sent, setSent] = useState(false);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setSent(true);
      }}
    >
      <JsonForms
        schema={schema}
        data={data}
        renderers={vanillaRenderers}
        cells={vanillaCells}
        onChange={(state) => setData(state.data)}
      />
      <button type="submit">Continue</button>
      {sent ? <p role="status">Sent</p> : null}
    </form>
  );
}
