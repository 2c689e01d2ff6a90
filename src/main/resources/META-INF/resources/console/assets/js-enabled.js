// GOV.UK Frontend's "JavaScript enabled" classes, from a file so a strict Content-Security-Policy needs no inline script.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
