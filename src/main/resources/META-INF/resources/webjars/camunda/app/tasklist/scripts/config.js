// Learning Cycle's Tasklist: the product's name in the header and the page title ("Learning Cycle Tasklist"),
// the keyboard shortcuts Tasklist offers by default, and the single sign-on's log-out.
export default {
  app: {
    vendor: 'Learning Cycle',
    name: 'Tasklist'
  },
  // single sign-on: "Log out" ends the provider's session too
  customScripts: ['scripts/sign-on'],
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'opens the start process modal dialog'}
  }
};
