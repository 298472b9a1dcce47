import * as ort from 'onnxruntime-node';
const s = await ort.InferenceSession.create(process.argv[2], { intraOpNumThreads: 2, executionMode: 'sequential', graphOptimizationLevel: 'all', enableProfiling: true, profileFilePrefix: '/tmp/ortprof' });
const size=256, n=size*size;
const feeds = { l: new ort.Tensor('float32', new Float32Array(n).fill(0.5), [1,1,size,size]), hint_ab: new ort.Tensor('float32', new Float32Array(2*n), [1,2,size,size]), hint_mask: new ort.Tensor('float32', new Float32Array(n), [1,1,size,size]) };
const times=[];
for (let i=0;i<10;i++) {const t=performance.now(); await s.run(feeds); times.push(performance.now()-t);}
times.sort((a,b)=>a-b); console.log('median', times[5]);
s.endProfiling();
