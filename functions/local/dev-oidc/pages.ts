/** The development provider's HTML: plain forms, clearly marked as local development only. */

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  );

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Coffer local development</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem}
.banner{background:#fff3cd;border:1px solid #e0c060;padding:.5rem .75rem;border-radius:4px;font-size:.9rem}
label{display:block;margin-top:1rem}input{width:100%;padding:.4rem;box-sizing:border-box}
button{margin-top:1.25rem;padding:.5rem 1rem}.error{color:#a00}</style></head>
<body><p class="banner"><strong>Local development sign-in.</strong> This identity provider is built into
<code>npm start</code> and is never deployed.</p>
<h1>${escape(title)}</h1>
${body}
</body></html>`;

export const loginPage = (action: string, opts: { email?: string; error?: string }) =>
  page(
    'Sign in to Coffer',
    `${opts.error ? `<p class="error" role="alert">${escape(opts.error)}</p>` : ''}
<form method="post" action="${escape(action)}" autocomplete="off">
<label>E-mail <input type="email" name="email" required autofocus value="${escape(opts.email ?? '')}"></label>
<label>Password <input type="password" name="password" required></label>
<button type="submit">Sign in</button>
</form>`,
  );

export const messagePage = (title: string, message: string) => page(title, `<p>${escape(message)}</p>`);

/** oidc-provider's logout confirmation (RP-initiated logout): the form it gives must be submitted. */
export const logoutPage = (form: string) =>
  page(
    'Sign out',
    `${form}<p>Sign out of the local development provider too?</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in here</button>`,
  );
