/** An upload's problems as phrases (`uploadPhrase('upload.quiz.noCorrect')`), in every locale. */
import { defineWording } from '../wording';
import { de } from './uploads.de';
import { en } from './uploads.en';

export const uploadPhrase = defineWording({ en, de });
export type UploadKey = keyof typeof en;
