// Light progressive enhancement: GOV.UK Frontend's components, and a progress bar for large uploads.
import { initAll } from '/webjars/govuk-frontend/5.10.2/dist/govuk/govuk-frontend.min.js';

initAll();

// An upload form with a progress bar: the same form posts without JavaScript, only without progress.
const form = document.querySelector('form[data-upload-progress]');
if (form && window.XMLHttpRequest && window.FormData) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const progress = document.getElementById('upload-progress');
    const status = document.getElementById('upload-status');
    progress.hidden = false;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) {
        progress.value = Math.round((e.loaded / e.total) * 100);
        status.textContent = 'Uploaded ' + progress.value + '%';
      }
    });
    xhr.upload.addEventListener('load', () => { status.textContent = 'Uploaded. Pactum is checking the rows…'; });
    xhr.addEventListener('load', () => {
      if (xhr.responseURL && xhr.responseURL !== new URL(form.action, location.href).href) {
        location.assign(xhr.responseURL);
      } else {
        document.open();
        document.write(xhr.responseText);
        document.close();
      }
    });
    xhr.addEventListener('error', () => { status.textContent = 'The upload failed. Check your connection and try again.'; });
    xhr.send(new FormData(form));
  });
}

// The printable summary's print button.
document.querySelectorAll('[data-print]').forEach((b) => b.addEventListener('click', () => window.print()));
