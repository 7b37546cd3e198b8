// The phone number parser and the rules of calling code +1: a chunk of its own, which
// phoneMetadata.ts imports right after the first paint (or when a number is first checked),
// so libphonenumber-js is never parsed or run before a form's first input. Short names: a
// chunk's exports are read by name, which no minifier shortens.
export { parsePhoneNumberFromString as parse } from 'libphonenumber-js/core';
export { NANP_PHONE_METADATA as nanp } from './phoneMetadataNanp';
