// GOV.UK Frontend's "JavaScript is on" classes, set before the page draws. A file rather than
// an inline script, so the Content-Security-Policy needs no nonce and pages can be cached.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
