// After a passkey is registered (django-otp-webauthn's script sends the event), open
// the page the template names: the recovery codes after a first passkey, else the
// account's two-factor page.
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const holder = event.target.closest("[data-after-passkey]");
  if (holder && holder.dataset.afterPasskey) {
    window.location.assign(holder.dataset.afterPasskey);
  }
});
