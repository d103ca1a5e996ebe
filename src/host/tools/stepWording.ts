/**
 * Tool step lines in the UI language. Core words a step as a template of its catalogue
 * (`STEP_TEXT`) and arguments; each template is itself the translation key, so the bundles in
 * l10n/ hold them like any other host message (a unit test checks every template is translated).
 */
import * as vscode from 'vscode';
import type { StepWording } from '../../core/tools';

/** Words a step line through VS Code's localisation; English when no bundle applies. */
export const localStepWording: StepWording = (template, args) => vscode.l10n.t(template, ...args);
