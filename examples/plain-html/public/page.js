// The page listens to kyc-kit's events like any DOM event: they bubble out of the elements' shadow roots.
// Their details carry step ids, capability names and error codes, never what the user typed.
const notice = document.getElementById('notice');

document.addEventListener('kyc-step-change', (event) => {
  document.body.dataset.kycStep = event.detail.stepId;
});

document.addEventListener('kyc-complete', (event) => {
  document.body.dataset.kycComplete = event.detail.capabilities.join(' ');
  if (notice) notice.textContent = 'Thank you: your account is verified.';
});

document.addEventListener('kyc-error', (event) => {
  document.body.dataset.kycError = event.detail.code;
});
