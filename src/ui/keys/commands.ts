/** What a key can ask for, and where (the scope that holds the keys); the table is in keymap.ts. */
export type Command =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'open'
  | 'back'
  | 'quit'
  | 'forceQuit'
  | 'suspend'
  | 'help'
  | 'refresh'
  | 'filter'
  | 'group'
  | 'faster'
  | 'slower'
  | 'pause'
  | 'cancelJob'
  | 'models'
  | 'profiles'
  | 'add'
  | 'edit'
  | 'delete'
  | 'activate'
  | 'test'
  | 'confirm'
  | 'deny'
  | 'fieldNext'
  | 'fieldPrev'
  | 'fieldEnter'
  | 'newBatch'
  | 'parentDir'
  | 'typePath'
  | 'dotFiles'
  | 'complete'
  | 'continue'
  | 'retry'
  | 'cancelStep'
  | 'optionNext'
  | 'optionPrev'
  | 'files'
  | 'createBatch'
  | 'openOutput'
  | 'openErrors'
  | 'resubmit'
  | 'jump'
  | 'search'
  | 'nextMatch'
  | 'prevMatch'
  | 'nextError'
  | 'errorsOnly'
  | 'rawView'
  | 'inputPanel'
  | 'save'
  | 'saveJoined'
  | 'removeKey'
  | 'openMenu'
  | 'choose'
  | 'copyId';

export type Scope =
  | 'global'
  | 'list'
  | 'detail'
  | 'models'
  | 'profiles'
  | 'help'
  | 'confirm'
  | ProfileFormScope
  | 'files'
  | 'fileForm'
  | NewBatchScope
  | PagerScope
  | ResubmitScope
  | 'menu';

/** The profile form (setup, add, edit); 'formStoredKey' on its key field when the profile has a key to remove. */
export type ProfileFormScope = 'form' | 'formStoredKey';

/** The new-batch flow's steps are below; these are the results pager's (`o`, `e`, files enter, `fizz-batch view`). */
export type PagerScope = 'results' | 'resultsBusy' | 'viewer' | 'viewerBusy';

/** R on a job: reading what failed ('resubmitBusy'), then the count and reasons ('resubmit'). */
export type ResubmitScope = 'resubmit' | 'resubmitBusy';

/** The steps of the new-batch flow (n): the picker, typing a path, the report, the form, the upload and its failure. */
export type NewBatchScope = 'picker' | 'pickerPath' | 'report' | 'newBatchForm' | 'upload' | 'uploadFailed';
