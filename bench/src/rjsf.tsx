// rjsf 6 with the ajv8 validator: the schema-driven reference.
import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useState } from 'react';
import { KYC_SCHEMA } from './jsonSchema';

const schema = KYC_SCHEMA as unknown as RJSFSchema;

export function App() {
  const [sent, setSent] = useState(false);
  return (
    <>
      <Form schema={schema} validator={validator} onSubmit={() => setSent(true)} />
      {sent ? <p role="status">Sent</p> : null}
    </>
  );
}
