import * as vscode from 'vscode';
import { KIND_TITLES, KSB_KINDS, type Ksb, type StandardVersion } from '../../core';

/** A quick pick item that stands for a KSB. */
export interface KsbItem extends vscode.QuickPickItem {
  readonly ksb: Ksb;
}

/** Quick pick items for the KSBs of an option, under a separator per kind. */
export function ksbItems(standard: StandardVersion, optionId: string | undefined, withDetail = false): Array<KsbItem | vscode.QuickPickItem> {
  const items: Array<KsbItem | vscode.QuickPickItem> = [];
  const ksbs = standard.applicableKsbs(optionId);
  for (const kind of KSB_KINDS) {
    const ofKind = ksbs.filter((ksb) => ksb.kind === kind);
    if (ofKind.length === 0) continue;
    items.push({ label: KIND_TITLES[kind], kind: vscode.QuickPickItemKind.Separator });
    for (const ksb of ofKind) {
      items.push(
        withDetail
          ? {
              label: ksb.code,
              description: `${standard.optionLabel(ksb)}${ksb.duties.length ? ` · duties ${ksb.duties.map((d) => d.number).join(', ')}` : ''}`,
              detail: ksb.text,
              ksb,
            }
          : { label: ksb.code, description: ksb.text, ksb },
      );
    }
  }
  return items;
}
