/**
 * What the studio's drag and drop lists share (@dnd-kit): a pointer that must move a little before it drags (so
 * clicks stay clicks) and the keyboard (space to lift, arrows to move, space to drop), and what a screen reader is
 * told on the way, in the UI language.
 */
import {
  type Announcements,
  KeyboardSensor,
  PointerSensor,
  type ScreenReaderInstructions,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import type { I18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';

export const useDragSensors = () =>
  useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

/** The `accessibility` of a DndContext: how to drag, then each step with the things dragged named by `spoken`. */
export function dragAccessibility(
  t: I18n['t'],
  instructions: MessageKey,
  spoken: (id: UniqueIdentifier) => string,
): { screenReaderInstructions: ScreenReaderInstructions; announcements: Announcements } {
  return {
    screenReaderInstructions: { draggable: t(instructions) },
    announcements: {
      onDragStart: ({ active }) => t('dnd.pickedUp', { field: spoken(active.id) }),
      onDragOver: ({ active, over }) =>
        over ? t('dnd.over', { field: spoken(active.id), target: spoken(over.id) }) : undefined,
      onDragEnd: ({ active, over }) =>
        over ? t('dnd.dropped', { field: spoken(active.id), target: spoken(over.id) }) : undefined,
      onDragCancel: ({ active }) => t('dnd.cancelled', { field: spoken(active.id) }),
    },
  };
}
