// Single sign-on (profile sso): "Log out" ends the hospital provider's session too (a full page visit to /logout
// instead of the webapps' own call), and a webapp session that ran out goes back through the provider instead of the
// password form. Loaded by Tasklist, Cockpit, Admin and the welcome page (their config.js); does nothing without sign-on.
const appRoot = document.querySelector('base').getAttribute('app-root') || '';
const serverRoot = appRoot.replace(/\/camunda\/?$/, '');

fetch(serverRoot + '/sign-on', {credentials: 'same-origin'})
  .then(answer => (answer.ok ? answer.json() : {enabled: false}))
  .then(signOn => {
    if (!signOn.enabled) {
      return;
    }
    if (window.location.hash.startsWith('#/login')) {
      window.location.replace(window.location.pathname);
      return;
    }
    new MutationObserver((changes, observer) => {
      const item = document.querySelector('li.account li.logout');
      if (!item) {
        return;
      }
      observer.disconnect();
      const own = item.getElementsByTagName('a')[0];
      const link = own.cloneNode(true); // without the webapps' click handler
      link.setAttribute('href', serverRoot + signOn.logout);
      item.replaceChild(link, own);
    }).observe(document, {childList: true, subtree: true});
  })
  .catch(() => {});

export default [];
