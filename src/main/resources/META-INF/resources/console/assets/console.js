// Light progressive enhancement: GOV.UK Frontend's components, and a progress bar for large uploads.
import { initAll } from '/webjars/govuk-frontend/5.10.2/dist/govuk/govuk-frontend.min.js';

initAll();

// An upload form with a progress bar. With scripts, the file itself is the request body, streamed
// through to the push endpoint (nothing buffered on the way); without them, the form posts as usual.
const form = document.querySelector('form[data-upload-progress]');
if (form && window.XMLHttpRequest) {
  form.addEventListener('submit', (event) => {
    const file = form.querySelector('input[type=file]').files[0];
    if (!file) {
      return; // the server's answer names what is missing
    }
    event.preventDefault();
    const progress = document.getElementById('upload-progress');
    const status = document.getElementById('upload-status');
    progress.hidden = false;
    const params = new URLSearchParams({
      feed: form.elements.feed.value,
      period: form.elements.period.value,
      idempotencyKey: form.elements.idempotencyKey.value,
    });
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.dataset.uploadProgress + '?' + params.toString());
    xhr.setRequestHeader('Content-Type', /\.(ndjson|jsonl)$/i.test(file.name) ? 'application/x-ndjson' : 'text/csv');
    xhr.setRequestHeader('X-Console-Form', form.elements.csrf.value);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) {
        progress.value = Math.round((e.loaded / e.total) * 100);
        status.textContent = 'Uploaded ' + progress.value + '%';
      }
    });
    xhr.upload.addEventListener('load', () => { status.textContent = 'Uploaded. Pactum is checking the rows…'; });
    xhr.addEventListener('load', () => {
      if (xhr.status < 400 && xhr.responseURL) {
        location.assign(xhr.responseURL);
      } else {
        document.open();
        document.write(xhr.responseText);
        document.close();
      }
    });
    xhr.addEventListener('error', () => { status.textContent = 'The upload failed. Check your connection and try again.'; });
    xhr.send(file);
  });
}

// The printable summary's print button.
document.querySelectorAll('[data-print]').forEach((b) => b.addEventListener('click', () => window.print()));
