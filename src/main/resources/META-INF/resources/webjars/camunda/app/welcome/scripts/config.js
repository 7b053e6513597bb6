// Learning Cycle's Welcome: with single sign-on, "Log out" ends the provider's session too (the script is Tasklist's).
export default {
  customScripts: ['../tasklist/scripts/sign-on']
};
