console.log("ksb: not built yet");
