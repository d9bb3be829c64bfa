export { MediaControls } from './MediaControls';
export { VideoStage, type StageVideo } from './VideoStage';
